"""Checks what `sam build` left to deploy: every function's package is a zip that the reactor built from this tree.

For each function of the built template: its CodeUri is a zip that exists, holds the handler class in its module's
jar, and carries the same shared library (byte for byte) as shared/target, so no stale copy from a local Maven
repository can ship. Exits non-zero with one line per problem.
"""
import hashlib
import re
import sys
import zipfile
from pathlib import Path

import yaml


class _Tagged(yaml.SafeLoader):
    """Reads CloudFormation's short forms (!Ref, !Sub ...) as plain data."""


_Tagged.add_multi_constructor("!", lambda loader, suffix, node: None)


def main(built_template: str) -> int:
    template_path = Path(built_template)
    root = Path.cwd()
    document = yaml.load(template_path.read_text(encoding="utf-8"), Loader=_Tagged)
    shared = sorted((root / "shared" / "target").glob("shared*.jar"))
    if not shared:
        print("shared/target holds no jar: run `make package` first")
        return 1
    shared_digest = hashlib.sha256(shared[0].read_bytes()).hexdigest()
    problems, checked = [], 0
    for name, resource in document.get("Resources", {}).items():
        if resource.get("Type") != "AWS::Serverless::Function":
            continue
        properties = resource.get("Properties", {})
        code = (template_path.parent / str(properties.get("CodeUri"))).resolve()
        handler_class = str(properties.get("Handler")).split("::")[0].replace(".", "/") + ".class"
        if not code.is_file() or code.suffix != ".zip":
            problems.append(f"{name}: {code} is not a zip")
            continue
        with zipfile.ZipFile(code) as package:
            checked += 1
            jars = {Path(entry).name: entry for entry in package.namelist() if entry.startswith("lib/")}
            module = code.name.removesuffix("-lambda.zip")
            module_jars = [entry for jar_name, entry in jars.items() if re.fullmatch(rf"{module}-\d.*\.jar", jar_name)]
            if len(module_jars) != 1:
                problems.append(f"{name}: {code.name} has no lib/{module}-<version>.jar")
                continue
            with zipfile.ZipFile(package.open(module_jars[0])) as jar:
                if handler_class not in jar.namelist():
                    problems.append(f"{name}: {module_jars[0]} has no {handler_class}")
            shared_in_zip = [entry for jar_name, entry in jars.items() if re.fullmatch(r"shared-\d.*\.jar", jar_name)]
            if len(shared_in_zip) != 1:
                problems.append(f"{name}: {code.name} should hold one shared jar, holds {len(shared_in_zip)}")
            elif hashlib.sha256(package.read(shared_in_zip[0])).hexdigest() != shared_digest:
                problems.append(f"{name}: the shared jar in {code.name} is not the one built from this tree")
    for problem in problems:
        print(problem)
    if checked == 0:
        print(f"{template_path} declares no function")
        return 1
    if not problems:
        print(f"{checked} functions packaged from this tree, ready for sam deploy")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else ".aws-sam/build/template.yaml"))
