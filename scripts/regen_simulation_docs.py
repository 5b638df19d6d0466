"""Regenerate the console outputs in docs/simulation.md and README.md (run from the repo root)."""
import pathlib, re, shutil, subprocess, tempfile
root = pathlib.Path(".")
tmp = pathlib.Path(tempfile.gettempdir()) / "cskh-org-growing-less"
shutil.rmtree(tmp, ignore_errors=True)
shutil.copytree("examples/growing", tmp)
t = (tmp / "units.yaml").read_text()
s = t.index("  - id: after_sales\n"); e = t.index("  - id: ", s + 1)
old = "      - role: care_agent\n        headcount: 2\n"
assert t.count(old, s, e) == 1
(tmp / "units.yaml").write_text(t[:s] + t[s:e].replace(old, old.replace("2", "1")) + t[e:])
base = ["./.venv/bin/cskh-org", "simulate", "examples/growing/department.yaml", "--workload", "examples/growing/workload.yaml"]
table = subprocess.run([*base, "--lang", "en"], capture_output=True, text=True, check=True).stdout
cmp = subprocess.run([*base, "--compare", str(tmp / "department.yaml"), "--lang", "en"], capture_output=True, text=True, check=True).stdout
cmp = cmp.replace(str(tmp), "growing-less")
cmp_lines = cmp.splitlines()
cut = next(i for i, l in enumerate(cmp_lines) if l.startswith("Customer care dep"))
cmp = "\n".join(cmp_lines[:cut] + ["…"]) + "\n"
cmd1 = "$ cskh-org simulate examples/growing/department.yaml --workload examples/growing/workload.yaml --lang en\n"
cmd2 = "$ cskh-org simulate examples/growing/department.yaml --workload examples/growing/workload.yaml --compare growing-less/department.yaml --lang en\n"
doc = pathlib.Path("docs/simulation.md")
text = doc.read_text()
blocks = list(re.finditer(r"```console\n(.*?)```", text, re.S))
new = text
for m in blocks:
    body = m.group(1)
    if body.startswith(cmd1) and len(body) > len(cmd1):
        new = new.replace(m.group(0), "```console\n" + cmd1 + table + "```")
    elif body.startswith(cmd2):
        new = new.replace(m.group(0), "```console\n" + cmd2 + cmp + "```")
doc.write_text(new)
# README: the table with the channel, priority and tier groups elided
lines = table.splitlines()
out, skip = [], False
for l in lines:
    if l == "by channel":
        out.append("…"); skip = True; continue
    if skip and l.startswith("unit load"):
        skip = False
    if skip:
        continue
    if l.startswith("tickets of every"):
        out.append("…"); break
    out.append(l)
while out and out[-2:] == ["", "…"]:
    out[-2:] = ["…"]
readme = pathlib.Path("README.md")
text = readme.read_text()
m = re.search(r"```console\n\$ cskh-org simulate [^\n]*\n(.*?)```", text, re.S)
text = text[: m.start(1)] + "\n".join(out) + "\n" + text[m.end(1):]
readme.write_text(text)
print(table); print(cmp)
