// Shows the copy buttons (hidden without JavaScript) and copies the link on click.
document.querySelectorAll(".copy-button").forEach((button) => {
  const source = document.getElementById(button.dataset.copy);
  const status = button.parentElement.querySelector(".copy-status");
  button.hidden = false;
  button.addEventListener("click", async () => {
    try {
      await navigator.clipboard.writeText(source.value);
      status.textContent = button.dataset.done || "Kopierad";
    } catch (error) {
      source.select();
      status.textContent = "Markerad – tryck Ctrl+C";
    }
  });
});
