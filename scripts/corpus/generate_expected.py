#!/usr/bin/env python3
"""
Regenerates the expected answers of the requirements corpus (test/fixtures/corpus) from
the reference implementations, so that `npm test` can compare the TypeScript engine
with them without Python:

- pip requirements files: pip 23.2.1's own `req_file` (preprocess, option parser,
  handle_requirement_line) and `constructors` (install_req_from_parsed_requirement),
  with PEP 508/440 parsing switched to packaging 26.x (which modern pip vendors).
  A scan has no file system, so `os.path.isdir` is answered by the engine's documented
  rule (a path-like value that is neither an archive nor `name @ url` is a project
  directory); the file-name inference of source distributions is the engine's
  extension and is reproduced here with packaging.
- pyproject.toml (PEP 621, PEP 735) and Pipfile: values read with tomllib, requirement
  strings parsed with packaging, line numbers found by searching the text (a method
  independent of the engine's TOML locator).
- Poetry constraints: packaging cannot translate them; their PEP 440 meaning is written
  by hand from Poetry's documented rules in poetry-translations.json.

Usage: python3 scripts/corpus/generate_expected.py   (from the repository root)
Requires: python3 >= 3.11, packaging 26.x, pip 23.2.1.
"""
import json
import os
import re
import sys
import tomllib
from pathlib import Path

import packaging
import packaging.markers
import packaging.specifiers
import packaging.requirements
import packaging.version
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "test" / "fixtures" / "corpus"
EXPECTED = CORPUS / "expected"

# The environment `${VAR}` references are expanded with (pip reads os.environ).
ENV = {
    "PYPI_USER": "ci-bot",
    "PYPI_TOKEN": "s3cr3t",
    "INTERNAL_INDEX": "https://pypi.internal.example/simple",
    "ACME_VERSION": "1.4.2",
    "GITHUB_TOKEN": "ghp_example",
    "EMPTY_VALUE": "",
    "lowercase": "2.0",
}


def check_versions():
    import pip

    if not packaging.__version__.startswith("26."):
        sys.exit(f"packaging 26.x is required, found {packaging.__version__}")
    if pip.__version__ != "23.2.1":
        sys.exit(f"pip 23.2.1 is required, found {pip.__version__}")


# --------------------------------------------------------------------------- pip

ARCHIVE_EXTENSIONS = (".zip", ".whl", ".tar.bz2", ".tbz", ".tar.xz", ".txz", ".tlz", ".tar.lz", ".tar.lzma", ".tar.gz", ".tgz", ".tar")


def looks_like_path(text):
    return "/" in text or text.startswith(".")


def is_archive(path):
    from pip._internal.utils.misc import splitext

    return splitext(path)[1].lower() in ARCHIVE_EXTENSIONS


def assumed_directory(path, written):
    """The engine's stand-in for os.path.isdir (see src/requirements/pip/requirement-line.ts)."""
    if written is None:
        return False
    at = written.find("@")
    named_reference = at > 0 and not looks_like_path(written[:at])
    if not looks_like_path(written) or is_archive(written) or named_reference:
        return False
    if any(c in written for c in "<>=!~;,") or any(c.isspace() for c in written):
        return False
    return True


def editable_directory(text):
    from pip._internal.utils.urls import get_url_scheme

    if get_url_scheme(text) is not None and not re.match(r"^[A-Za-z]:[\\/]", text):
        return False
    if looks_like_path(text):
        return True
    return len(text) > 0 and all(re.match(r"[A-Za-z0-9._+-]", c) for c in text)


def install_pip_shims():
    """Route pip's constructors through packaging 26 and the engine's directory rule."""
    from pip._internal.req import constructors

    constructors.Requirement = packaging.requirements.Requirement
    constructors.InvalidRequirement = packaging.requirements.InvalidRequirement
    constructors.Marker = packaging.markers.Marker
    constructors.get_requirement = packaging.requirements.Requirement
    constructors.is_installable_dir = lambda path: True
    from pip._internal.req import req_install

    req_install.Requirement = packaging.requirements.Requirement

    real_os = os
    state = {"written": None}

    class PathShim:
        sep = real_os.path.sep
        altsep = real_os.path.altsep

        @staticmethod
        def isdir(path):
            written = state["written"]
            if state.get("editable"):
                return editable_directory(written)
            return assumed_directory(path, strip_extras(written)[0] if written else written)

        @staticmethod
        def isfile(path):
            return False

        def __getattr__(self, name):
            return getattr(real_os.path, name)

    class OsShim:
        path = PathShim()

        def __getattr__(self, name):
            return getattr(real_os, name)

    constructors.os = OsShim()
    return state


def infer_sdist(filename):
    from pip._internal.utils.misc import splitext

    if not is_archive(filename) or filename.lower().endswith(".whl"):
        return None
    stem = splitext(filename)[0]
    dash = stem.find("-")
    while dash > 0:
        version = stem[dash + 1 :]
        if version:
            try:
                packaging.version.Version(version)
                return stem[:dash], version
            except packaging.version.InvalidVersion:
                pass
        dash = stem.find("-", dash + 1)
    return None


def strip_extras(text):
    match = re.match(r"^(.+)(\[[^\]]+\])$", text)
    return (match.group(1), match.group(2)) if match else (text, None)


def source_of(link):
    if link is None:
        return "index"
    if link.is_vcs:
        return "vcs"
    if link.scheme in ("file", ""):
        return "path"
    return "url"


def describe_pip_requirement(parsed_req, state):
    from pip._internal.req.constructors import install_req_from_parsed_requirement
    from pip._internal.utils.urls import get_url_scheme
    from pip._internal.vcs import is_url

    text = parsed_req.requirement
    if parsed_req.is_editable:
        state["editable"] = True
        state["written"] = strip_extras(text)[0]
    else:
        state["editable"] = False
        separator = "; " if is_url(text) else ";"
        state["written"] = text.split(separator, 1)[0].strip()
    ireq = install_req_from_parsed_requirement(parsed_req)
    link = ireq.link
    source = source_of(link)
    req = ireq.req
    name = canonicalize_name(req.name) if req else None
    specifiers = [[s.operator, s.version] for s in req.specifier] if req else []
    if req is None and link is not None and not parsed_req.is_editable:
        inferred = infer_sdist(link.filename)
        if inferred:
            name = canonicalize_name(inferred[0])
            specifiers = [["==", inferred[1]]]
    written = state["written"]
    if source == "path" and get_url_scheme(written) != "file" and " @ " not in written and "@" not in written.split("/")[0]:
        url = strip_extras(written)[0]
    else:
        url = link.url if link is not None else None
    hashes = sorted(f"{algo}:{digest}" for algo, digests in (ireq.hash_options or {}).items() for digest in digests)
    return {
        "name": name,
        "extras": sorted(set(ireq.extras)),
        "specifiers": specifiers,
        "marker": str(ireq.markers) if ireq.markers is not None else None,
        "url": url,
        "editable": bool(ireq.editable),
        "hashes": hashes,
        "source": source,
    }


def requirement_errors():
    from pip._internal.exceptions import InstallationError, InvalidWheelFilename

    # RecursionError: packaging recurses per parenthesis; pip crashes on such a line, which counts as an error line.
    return (InstallationError, InvalidWheelFilename, packaging.requirements.InvalidRequirement, packaging.markers.InvalidMarker, RecursionError)


REQUIREMENT_ERRORS = ()


def expected_pip(path, state):
    from pip._internal.exceptions import CommandError
    from pip._internal.req import req_file

    content = path.read_bytes()
    from pip._internal.utils.encoding import auto_decode

    text = auto_decode(content)
    result = {"format": "pip", "requirements": [], "includes": [], "sources": [], "trustedHosts": [], "requireHashesLine": None, "errorLines": []}
    line_parser = req_file.get_line_parser(None)
    for line_number, line in req_file.preprocess(text):
        try:
            args_str, opts = line_parser(line)
        except (req_file.OptionParsingError, CommandError):
            result["errorLines"].append(line_number)
            continue
        parsed_line = req_file.ParsedLine(str(path), line_number, args_str, opts, False)
        if parsed_line.is_requirement:
            try:
                described = describe_pip_requirement(req_file.handle_requirement_line(parsed_line), state)
            except REQUIREMENT_ERRORS:
                result["errorLines"].append(line_number)
                continue
            result["requirements"].append({"line": line_number, **described})
        elif opts.requirements or opts.constraints:
            kind = "requirement" if opts.requirements else "constraint"
            target = opts.requirements[0] if opts.requirements else opts.constraints[0]
            result["includes"].append({"line": line_number, "kind": kind, "target": target})
        else:
            if opts.index_url:
                result["sources"].append({"line": line_number, "kind": "index-url", "url": opts.index_url})
            for url in opts.extra_index_urls:
                result["sources"].append({"line": line_number, "kind": "extra-index-url", "url": url})
            if opts.find_links:
                result["sources"].append({"line": line_number, "kind": "find-links", "url": opts.find_links[0]})
            for host in opts.trusted_hosts or []:
                result["trustedHosts"].append({"line": line_number, "host": host})
            if opts.require_hashes and result["requireHashesLine"] is None:
                result["requireHashesLine"] = line_number
    return result


# --------------------------------------------------------------------------- TOML helpers


def toml_string_forms(value):
    """The ways a TOML string literal of `value` may be written."""
    forms = [json.dumps(value, ensure_ascii=False), "'" + value + "'"]
    return forms


def toml_error_line(error):
    match = re.search(r"at line (\d+)", str(error))
    return int(match.group(1)) if match else None


class LineFinder:
    """Finds where things are written by plain text search, moving forward through the file."""

    def __init__(self, text):
        self.lines = text.split("\n")

    def header_line(self, header):
        for index, line in enumerate(self.lines):
            if line.strip() == header:
                return index + 1
        raise KeyError(header)

    def key_line(self, header, key, start=None):
        begin = self.header_line(header) if start is None else start
        pattern = re.compile(r"^\s*(\"" + re.escape(key) + r"\"|'" + re.escape(key) + r"'|" + re.escape(key) + r")\s*=")
        for index in range(begin, len(self.lines)):
            if pattern.match(self.lines[index]):
                return index + 1
        raise KeyError(f"{header} {key}")

    def next_occurrence(self, needles, after_line):
        for index in range(after_line - 1, len(self.lines)):
            if any(needle in self.lines[index] for needle in needles):
                return index + 1
        raise KeyError(needles)


def requirement_summary(text):
    req = packaging.requirements.Requirement(text)
    return {
        "name": canonicalize_name(req.name),
        "extras": sorted(req.extras),
        "specifiers": [[s.operator, s.version] for s in req.specifier],
        "marker": str(req.marker) if req.marker is not None else None,
        "url": req.url,
    }


def pep508_list(finder, items, start_line, group, result):
    cursor = start_line
    for item in items:
        if isinstance(item, dict):
            continue
        if not isinstance(item, str):
            line = finder.next_occurrence([str(item)], cursor)
            result["errorLines"].append(line)
            cursor = line
            continue
        line = finder.next_occurrence(toml_string_forms(item), cursor)
        cursor = line
        try:
            result["requirements"].append({"line": line, "group": group, **requirement_summary(item)})
        except packaging.requirements.InvalidRequirement:
            result["errorLines"].append(line)


# --------------------------------------------------------------------------- pyproject


def poetry_translation(table, constraint):
    if constraint not in table:
        sys.exit(f"poetry-translations.json has no entry for {constraint!r}; add its PEP 440 meaning by hand")
    return table[constraint]


def join_markers(parts):
    present = [part for part in parts if part]
    if not present:
        return None
    if len(present) == 1:
        return present[0]
    return " and ".join(f"({part})" if re.search(r"\bor\b", part) else part for part in present)


def poetry_entry(name, value, translations):
    """The PEP 508 requirement Poetry means by a dependency entry (hand-written constraint table)."""
    if isinstance(value, str):
        value = {"version": value}
    markers = [value.get("markers")]
    if "python" in value:
        markers.append(poetry_translation(translations["python"], value["python"]))
    if "platform" in value:
        markers.append(f'sys_platform == "{value["platform"]}"')
    marker = join_markers(markers)
    extras = f"[{','.join(value['extras'])}]" if value.get("extras") else ""
    suffix = f" ; {marker}" if marker else ""
    if "git" in value:
        git = value["git"]
        if "://" in git:
            url = git if git.startswith("git+") else "git+" + git
        else:
            user, _, rest = git.rpartition("@")
            host, _, repo = rest.partition(":")
            url = f"git+ssh://{user + '@' if user else ''}{host}/{repo}"
        ref = value.get("rev") or value.get("tag") or value.get("branch")
        url += f"@{ref}" if ref else ""
        url += f"#subdirectory={value['subdirectory']}" if value.get("subdirectory") else ""
        return requirement_summary(f"{name}{extras} @ {url}{suffix}"), None, bool(value.get("develop"))
    if "path" in value or "url" in value:
        return requirement_summary(f"{name}{extras} @ {value.get('path') or value.get('url')}{suffix}"), None, bool(value.get("develop")) and "path" in value
    translated = poetry_translation(translations["version"], value.get("version", "*"))
    summary = requirement_summary(f"{name}{extras}{translated['specifiers']}{suffix}")
    return summary, translated.get("alternatives"), False


def expected_pyproject(path, translations):
    text = path.read_text(encoding="utf-8-sig")
    finder = LineFinder(text)
    result = {"format": "pyproject", "requirements": [], "pythonRequirements": [], "sources": [], "errorLines": []}
    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        result["errorLines"].append(toml_error_line(error))
        return result
    project = doc.get("project", {})
    pep621_names = set()
    if "requires-python" in project:
        result["pythonRequirements"].append(
            {"line": finder.key_line("[project]", "requires-python"), "specifiers": [str(packaging.specifiers.SpecifierSet(project["requires-python"]))]}
        )
    if "dependencies" in project:
        start = finder.key_line("[project]", "dependencies")
        pep621_list(finder, project["dependencies"], start, None, result)
        pep621_names = {r["name"] for r in result["requirements"] if r["group"] is None}
    for extra, items in project.get("optional-dependencies", {}).items():
        start = finder.key_line("[project.optional-dependencies]", extra)
        pep621_list(finder, items, start, f"optional:{extra}", result)
    for group, items in doc.get("dependency-groups", {}).items():
        start = finder.key_line("[dependency-groups]", group)
        pep621_list(finder, items, start, f"group:{group}", result)
    poetry = doc.get("tool", {}).get("poetry", {})
    tables = []
    if "dependencies" in poetry:
        tables.append(("[tool.poetry.dependencies]", poetry["dependencies"], None))
    if "dev-dependencies" in poetry:
        tables.append(("[tool.poetry.dev-dependencies]", poetry["dev-dependencies"], "group:dev"))
    for group, body in poetry.get("group", {}).items():
        if "dependencies" in body:
            tables.append((f"[tool.poetry.group.{group}.dependencies]", body["dependencies"], f"group:{group}"))
    for header, table, group in tables:
        for name, value in table.items():
            key_line = finder.key_line(header, name)
            if name.lower() == "python":
                if group is None:
                    python = poetry_translation(translations["project-python"], value)
                    result["pythonRequirements"].append({"line": key_line, "specifiers": python})
                continue
            if group is None and canonicalize_name(name) in pep621_names:
                continue
            entries = value if isinstance(value, list) else [value]
            cursor = key_line
            for entry in entries:
                line = key_line if not isinstance(value, list) else finder.next_occurrence(["{"], cursor + (0 if cursor == key_line else 1))
                cursor = line
                summary, alternatives, editable = poetry_entry(name, entry, translations)
                optional = isinstance(entry, dict) and entry.get("optional") is True
                result["requirements"].append(
                    {"line": line, "group": "optional" if optional and group is None else group, **summary, "alternatives": alternatives, "editable": editable}
                )
    for index, source in enumerate(poetry.get("source", [])):
        primary = source.get("default") is True or source.get("priority") in ("primary", "default")
        line = finder.next_occurrence(toml_string_forms(source["url"]), 1)
        result["sources"].append({"line": line, "kind": "index-url" if primary else "extra-index-url", "url": source["url"]})
    return result


pep621_list = pep508_list

# --------------------------------------------------------------------------- Pipfile

MARKER_KEYS = [
    "os_name", "sys_platform", "platform_machine", "platform_python_implementation", "platform_release",
    "platform_system", "platform_version", "python_version", "python_full_version", "implementation_name",
    "implementation_version",
]


def pipfile_requirement(name, value):
    if isinstance(value, str):
        spec = "" if value.strip() in ("*", "") else value.strip()
        if spec and not re.match(r"^[<>=!~]", spec):
            raise ValueError("needs an operator")
        return f"{name}{spec}", False
    markers = [value.get("markers")] + [f"{key} {value[key].strip()}" for key in MARKER_KEYS if key in value]
    marker = join_markers(markers)
    suffix = f" ; {marker}" if marker else ""
    extras = f"[{','.join(value['extras'])}]" if value.get("extras") else ""
    if "git" in value:
        git = value["git"] if value["git"].startswith("git+") else "git+" + value["git"]
        ref = value.get("ref")
        url = git + (f"@{ref}" if ref else "") + (f"#subdirectory={value['subdirectory']}" if value.get("subdirectory") else "")
        return f"{name}{extras} @ {url}{suffix}", value.get("editable") is True
    if "path" in value or "file" in value:
        return f"{name}{extras} @ {value.get('path') or value.get('file')}{suffix}", value.get("editable") is True
    version = value.get("version", "*").strip()
    spec = "" if version in ("*", "") else version
    if spec and not re.match(r"^[<>=!~]", spec):
        raise ValueError("needs an operator")
    return f"{name}{extras}{spec}{suffix}", False


def expected_pipfile(path):
    text = path.read_text(encoding="utf-8-sig")
    finder = LineFinder(text)
    result = {"format": "pipfile", "requirements": [], "pythonRequirements": [], "sources": [], "errorLines": []}
    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        result["errorLines"].append(toml_error_line(error))
        return result
    for index, source in enumerate(doc.get("source", [])):
        line = finder.next_occurrence(toml_string_forms(source["url"]), 1)
        result["sources"].append({"line": line, "kind": "index-url" if index == 0 else "extra-index-url", "url": source["url"], "verifySsl": source.get("verify_ssl") is not False})
    requires = doc.get("requires", {})
    for key in ("python_full_version", "python_version"):
        if key in requires:
            version = requires[key].strip()
            result["pythonRequirements"].append({"line": finder.key_line("[requires]", key), "specifiers": [f"=={version}.*" if key == "python_version" else f"=={version}"]})
            break
    for category, table in doc.items():
        if category in ("source", "requires", "pipenv", "scripts") or not isinstance(table, dict):
            continue
        for name, value in table.items():
            line = finder.key_line(f"[{category}]", name)
            try:
                text_requirement, editable = pipfile_requirement(name, value)
                summary = requirement_summary(text_requirement)
            except (ValueError, packaging.requirements.InvalidRequirement):
                result["errorLines"].append(line)
                continue
            result["requirements"].append({"line": line, "group": None if category == "packages" else category, **summary, "editable": editable})
    return result


# --------------------------------------------------------------------------- main


def main():
    check_versions()
    import contextlib
    import io
    import logging
    import warnings

    logging.disable(logging.CRITICAL)
    warnings.simplefilter("ignore")
    # optparse prints its usage on every bad option line; the answer is the error line number.
    with contextlib.redirect_stderr(io.StringIO()):
        generate()


def generate():
    os.environ.clear()
    os.environ.update(ENV)
    state = install_pip_shims()
    global REQUIREMENT_ERRORS
    REQUIREMENT_ERRORS = requirement_errors()
    translations = json.loads((CORPUS / "poetry-translations.json").read_text())
    written = 0
    for path in sorted(p for p in CORPUS.rglob("*") if p.is_file()):
        relative = path.relative_to(CORPUS)
        if relative.parts[0] in ("expected",) or relative.name == "poetry-translations.json":
            continue
        if path.name == "pyproject.toml":
            expected = expected_pyproject(path, translations)
        elif path.name == "Pipfile":
            expected = expected_pipfile(path)
        else:
            expected = expected_pip(path, state)
            expected["env"] = ENV
        target = EXPECTED / (str(relative) + ".json")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(expected, indent=2, ensure_ascii=False) + "\n")
        written += 1
    print(f"wrote {written} expected answers under {EXPECTED.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
