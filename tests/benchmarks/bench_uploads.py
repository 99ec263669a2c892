"""Memory and time of processing one uploaded photo, before and after issue #8 point 23.

    .venv/bin/python tests/benchmarks/bench_uploads.py

Each case runs in a fresh Python process (so that one case's peak does not hide another's):
the process loads Django and the picture's bytes, notes its resident memory, runs
`photo_process` (what a form's photo goes through), then reports the peak resident memory
(`resource.getrusage(RUSAGE_SELF).ru_maxrss`) above that baseline, the time taken and the
outcome. "before" is `civic/photos.py` of the commit given by --before (default: the parent
of the first commit of this change), run with Pillow's default bomb limit as it was;
"after" is the working tree's.
"""

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BEFORE = "3178836"


def child(variant: str, path: str, module_file: str) -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "civic.settings.test")
    import importlib.util

    import django

    django.setup()
    from django.core.exceptions import ValidationError
    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    if variant == "before":
        Image.MAX_IMAGE_PIXELS = int(1024 * 1024 * 1024 // 4 // 3)  # Pillow's default
    spec = importlib.util.spec_from_file_location("photos_under_test", module_file)
    photos = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(photos)
    content = Path(path).read_bytes()
    upload = SimpleUploadedFile(Path(path).name, content)
    baseline = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    try:
        result = photos.photo_process(upload)
        outcome = f"accepted, stored {len(result.read()) // 1024} KB"
    except ValidationError as error:
        outcome = "refused: " + error.messages[0][:60]
    elapsed = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(
        json.dumps({"extra_mb": (peak - baseline) / 1024, "seconds": elapsed, "outcome": outcome})
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--before", default=BEFORE)
    parser.add_argument("--child", nargs=3)
    args = parser.parse_args()
    if args.child:
        child(*args.child)
        return
    sys.path.insert(0, str(ROOT))
    from tests.photo_samples import phone_jpeg, png_bomb

    work = Path(tempfile.mkdtemp(prefix="bench-uploads-"))
    samples = {
        "6300x6300 PNG bomb": ("bomb.png", png_bomb()),
        "4000x3000 JPEG": ("phone.jpg", phone_jpeg()),
    }
    for name, content in samples.values():
        (work / name).write_bytes(content)
    old = work / "photos_before.py"
    old.write_text(
        subprocess.run(
            ["git", "show", f"{args.before}:civic/photos.py"],
            cwd=ROOT,
            check=True,
            capture_output=True,
            text=True,
        ).stdout
    )
    modules = {"before": str(old), "after": str(ROOT / "civic" / "photos.py")}
    print("| picture | size | code | extra peak RSS | time | outcome |")
    print("|---|---|---|---|---|---|")
    for label, (name, content) in samples.items():
        for variant, module in modules.items():
            out = subprocess.run(
                [sys.executable, __file__, "--child", variant, str(work / name), module],
                cwd=ROOT,
                check=True,
                capture_output=True,
                text=True,
            ).stdout
            row = json.loads(out.strip().splitlines()[-1])
            print(
                f"| {label} | {len(content) // 1024} KB | {variant} | {row['extra_mb']:.0f} MB "
                f"| {row['seconds']:.2f} s | {row['outcome']} |"
            )


if __name__ == "__main__":
    main()
