"""Render each kustomization and validate every manifest with kubernetes-validate.

    python deploy/validate_k8s.py deploy/k8s deploy/k8s/backfill

Our kustomizations list resources and set the image, so rendering is reading those
files in order and applying ``images``; any other kustomize feature (patches,
generators...) is refused here rather than validated unrendered. Validation is strict:
unknown fields fail.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import yaml

SUPPORTED_KEYS = {"apiVersion", "kind", "resources", "images"}


def render(folder: Path) -> list[dict[str, object]]:
    kustomization = yaml.safe_load((folder / "kustomization.yaml").read_text())
    unsupported = set(kustomization) - SUPPORTED_KEYS
    if unsupported:
        raise SystemExit(f"{folder}: teach validate_k8s.py to render {sorted(unsupported)}")
    documents = []
    for name in kustomization["resources"]:
        documents += [d for d in yaml.safe_load_all((folder / name).read_text()) if d]
    for image in kustomization.get("images", []):
        for document in documents:
            set_image(document, image)
    return documents


def set_image(document: dict[str, Any], image: dict[str, str]) -> None:
    """kustomize's ``images`` transformer: containers whose image is ``name`` get the new one."""
    pod = document.get("spec", {}).get("template", {}).get("spec", {})
    for container in pod.get("containers", []):
        if container["image"].split(":")[0] == image["name"]:
            name = image.get("newName", image["name"])
            container["image"] = f"{name}:{image['newTag']}" if "newTag" in image else name


def main(folders: list[str]) -> int:
    with tempfile.TemporaryDirectory() as workdir:
        files = []
        for folder in map(Path, folders):
            for n, document in enumerate(render(folder)):
                path = Path(workdir) / f"{folder.name}-{n:02d}-{document['kind']}.yaml"
                path.write_text(yaml.safe_dump(document))
                files.append(str(path))
        print(f"validating {len(files)} manifests from {', '.join(folders)}")
        command = [str(Path(sys.executable).with_name("kubernetes-validate")), "--strict", "--quiet", *files]
        return subprocess.run(command, check=False).returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
