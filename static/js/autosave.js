// Saves an answer as soon as a choice is made (the page works without this: each question's
// button saves it). On success the form takes the saved version, so the next save is not
// taken for a conflict, and the question's follow-ups are shown or hidden as the server now
// decides. Anything unusual (a conflict, a refused value, no connection) falls back to the
// ordinary submit, whose page explains it.
function bindAutosave(form) {
  const status = form.querySelector(".autosave-status");
  let pending = null;  // a save on its way: the button waits for it (and its new version)
  form.addEventListener("submit", async (event) => {
    if (pending === null) return;
    event.preventDefault();
    await pending;
    form.submit();
  });
  form.querySelectorAll("input[type=radio]").forEach((radio) => {
    radio.addEventListener("change", () => {
      // One save at a time, each sending the version the one before it got back.
      const mine = (pending || Promise.resolve()).then(save);
      pending = mine;
      mine.finally(() => { if (pending === mine) pending = null; });
    });
  });

  async function save() {
    status.textContent = status.dataset.saving;
    let response;
    try {
      response = await fetch(form.action, {
        method: "POST", body: new FormData(form), credentials: "same-origin",
      });
    } catch (error) {
      form.submit();
      return;
    }
    if (!response.ok || !response.redirected) {
      form.submit();
      return;
    }
    const page = new DOMParser().parseFromString(await response.text(), "text/html");
    const code = form.dataset.question;
    const version = page.querySelector(`input[name="${code}-version"]`);
    if (version) form.querySelector(`input[name="${code}-version"]`).value = version.value;
    document.querySelectorAll(`article[data-ancestors~="${code}"]`).forEach((article) => {
      const fresh = page.getElementById(article.id);
      if (fresh) {
        article.replaceWith(fresh);
        const inner = fresh.querySelector("form[data-question]");
        if (inner) bindAutosave(inner);
      }
    });
    status.textContent = status.dataset.saved;
  }
}
document.querySelectorAll("form[data-question]").forEach(bindAutosave);
