#!/usr/bin/env python3
"""
Differential cases for the pieces of pip's requirements-file reader that the engine
re-implements: shlex.split, preprocess (line splitting, continuations, comments,
${VAR}), break_args_options and the per-line option parser. Random inputs from a
fixed seed, answered by Python 3.11's shlex and pip 23.2.1's req_file, written to
test/fixtures/corpus/../pip-unit-cases.json for src/requirements/pip/*.spec.ts.

Usage: python3 scripts/corpus/generate_pip_unit_cases.py   (from the repository root)
"""
import contextlib
import io
import json
import os
import random
import shlex
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TARGET = ROOT / "test" / "requirements" / "fixtures" / "pip-unit-cases.json"
ENV = {"A": "one", "B": "", "LONG_NAME_2": "two words", "lower": "x"}


def shlex_cases(rng):
    handpicked = [
        "", "a b", "a  'b c'  d", 'a "b \\" c" d', "a\\ b", "'unterminated", '"unterminated', "trailing\\",
        "a '' b", 'a "" b', "--hash=sha256:abc --hash sha256:def", "x#y #z", "'a'\"b\"c", '"a\\b"', "a\tb\nc\rd",
        "\\'", '\\"', '"\\\\"', "é 'ü'",
    ]
    alphabet = ["a", "b", " ", "\t", "'", '"', "\\", "#", "-", "=", "\n"]
    cases = []
    for text in handpicked + ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 14))) for _ in range(1500)]:
        try:
            cases.append({"text": text, "words": shlex.split(text)})
        except ValueError as error:
            cases.append({"text": text, "error": str(error)})
    return cases


def preprocess_cases(rng):
    from pip._internal.req import req_file

    fragments = [
        "foo==1.0", "bar", "# comment", "  # indented", "#", "a#b", "a #b", "a\t#b", "\\", " \\", "\\\\", "x\\", "${A}", "${B}",
        "${LONG_NAME_2}", "${lower}", "${UNSET}", "$A", "${A", " ", "\t", "\u00a0", "\u3000", "-r base.txt", "baz ; python_version<'3'",
    ]
    breaks = ["\n", "\n", "\n", "\r\n", "\r", "\x0b", "\x0c", "\x1c", "\x85", "\u2028", "\x1f"]
    cases = []
    for _ in range(600):
        parts = []
        for _ in range(rng.randint(0, 8)):
            parts.append("".join(rng.choice(fragments) for _ in range(rng.randint(0, 3))))
            parts.append(rng.choice(breaks))
        content = "".join(parts)
        cases.append({"content": content, "lines": [[number, line] for number, line in req_file.preprocess(content)]})
    return cases


OPTION_WORDS = [
    "-r", "-rfile.txt", "--requirement", "--requirement=x.txt", "--req", "-c", "-cc.txt", "--constraint=c.txt", "-e", "-e.", "--editable=./pkg",
    "-i", "-ihttps://i.example/simple", "--index-url", "--index-url=https://i.example/simple", "--pypi-url=https://p.example/simple",
    "--extra-index-url", "--extra-index-url=https://x.example/simple", "--extra", "--ex", "--e", "--i", "-f", "--find-links", "--find-links=./w",
    "--no-index", "--no-index=1", "--pre", "--pre=yes", "--p", "--prefer-binary", "--only-binary", "--only-binary=:all:", ":all:", ":none:",
    "--no-binary", "--no-binary=numpy,scipy", "--only-binary=-x", "--require-hashes", "--hash", "--hash=sha256:abc", "--hash=sha512:def",
    "--hash=md5:x", "--hash=nocolon", "--trusted-host", "--trusted-host=h.example", "--use-feature=truststore", "--use-feature=2020-resolver",
    "--global-option=--x", "--global-option", "-C", "k=v", "-Ck=v", "--config-settings=kv", "--config-settings=k=v2", "--config-settings", "value",
    "'quoted value'", '"double quoted"', "--", "-", "foo==1.0", "x.txt", "https://x.example/simple", "--unknown", "-x", "--install-option=--y",
    "'unterminated",
]


def option_values(opts):
    format_control = opts.format_control
    return {
        "indexUrl": opts.index_url,
        "extraIndexUrls": opts.extra_index_urls,
        "noIndex": opts.no_index,
        "constraints": opts.constraints,
        "requirements": opts.requirements,
        "editables": opts.editables,
        "findLinks": opts.find_links,
        "preferBinary": opts.prefer_binary,
        "requireHashes": opts.require_hashes,
        "pre": opts.pre,
        "trustedHosts": opts.trusted_hosts,
        "featuresEnabled": list(opts.features_enabled),
        "globalOptions": opts.global_options or [],
        "hashes": sorted(f"{algo}:{digest}" for algo, digests in (opts.hashes or {}).items() for digest in digests),
        "configSettings": opts.config_settings or {},
        "noBinary": sorted(format_control.no_binary) if format_control else [],
        "onlyBinary": sorted(format_control.only_binary) if format_control else [],
    }


def option_cases(rng):
    from pip._internal.exceptions import CommandError
    from pip._internal.req import req_file

    cases = []
    lines = [" ".join(rng.choice(OPTION_WORDS) for _ in range(rng.randint(1, 4))) for _ in range(1500)]
    lines = [f"pkg==1.0 {line}" if index % 5 == 0 else line for index, line in enumerate(lines)]
    from pip._internal.cli import cmdoptions

    for line in lines:
        # --use-feature's default list is created once and shared by every parser pip builds
        # (functools.partial), so it accumulates across lines; start each line afresh.
        cmdoptions.use_new_feature.keywords["default"].clear()
        args, options = req_file.break_args_options(line)
        case = {"line": line, "arguments": args, "options": options}
        try:
            _, opts = req_file.get_line_parser(None)(line)
            case["values"] = option_values(opts)
        except (req_file.OptionParsingError, CommandError):
            case["error"] = True
        cases.append(case)
    return cases


def main():
    os.environ.clear()
    os.environ.update(ENV)
    rng = random.Random(20181122)
    with contextlib.redirect_stderr(io.StringIO()):
        data = {
            "env": ENV,
            "shlex": shlex_cases(rng),
            "preprocess": preprocess_cases(rng),
            "options": option_cases(rng),
        }
    TARGET.parent.mkdir(parents=True, exist_ok=True)
    TARGET.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n")
    print(f"wrote {sum(len(v) for k, v in data.items() if isinstance(v, list))} cases to {TARGET.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
