import time, tempfile, dataclasses
from pathlib import Path

def main():
    from bench.psb import build
    folder = tempfile.mkdtemp()
    url = f"sqlite:///{Path(folder)/'p.db'}"
    rid = build(url, 300, 20)
    from planner import create_app
    from planner.extensions import db
    from planner.psb.models import SafetyReport
    from planner.psb import services, files
    from planner.psb.document import Table, Chart
    from planner.pdf import render_in_process
    from flask import render_template, current_app
    from markupsafe import Markup
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "b"})
    with app.test_request_context():
        r = db.session.get(SafetyReport, rid)
        d = services.build_document(r)
        css = "\n".join((Path(current_app.static_folder, "css", n).read_text()) for n in files.STYLESHEETS)
        def html(doc, extra=""):
            return render_template("psb/pdf.html", d=doc, status="x", inline_css=Markup(css + extra))
        def strip(doc, kind):
            def sec(s):
                return dataclasses.replace(s, blocks=[b for b in s.blocks if not isinstance(b, kind)], subsections=[sec(x) for x in s.subsections])
            return dataclasses.replace(doc, sections=[sec(s) for s in doc.sections])
        render_in_process(html(strip(d, Chart)))  # warm fonts
        cases = [("full", html(d)), ("no charts", html(strip(d, Chart))), ("no tables", html(strip(d, Table))), ("nothing", html(strip(strip(d, Table), Chart)))]
        res = {n: [] for n, _ in cases}
        for _ in range(2):
            for name, h in cases:
                t=time.perf_counter(); render_in_process(h); res[name].append(round(time.perf_counter()-t,2))
        print(res)

if __name__ == "__main__":
    main()
