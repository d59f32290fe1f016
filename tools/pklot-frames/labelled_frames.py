"""What the frame tools share: every PKLot frame of a folder (image + same-stem .xml),
transformed, written under the output folder as JPEG beside its rewritten XML; and the rewrite of
the XML's points."""
import pathlib
import re

import cv2


def transform_folder(source, out, transform, quality):
    """`transform(image)` returns the new image and a function that rewrites the XML's text. An
    image with no XML beside it (a camera's unlabelled history) is transformed alone."""
    source, out = pathlib.Path(source), pathlib.Path(out)
    out.mkdir(parents=True, exist_ok=True)
    for image_path in sorted(p for ext in ("*.png", "*.jpg") for p in source.rglob(ext)):
        image, rewrite = transform(cv2.imread(str(image_path)))
        target = out / image_path.relative_to(source).parent
        target.mkdir(parents=True, exist_ok=True)
        cv2.imwrite(str(target / (image_path.stem + ".jpg")), image, [cv2.IMWRITE_JPEG_QUALITY, quality])
        xml = image_path.with_suffix(".xml")
        if xml.exists():
            (target / xml.name).write_text(rewrite(xml.read_text()))


def move_points(text, moved):
    """The XML's contour points and rotated-rectangle centres, each moved by `moved(x, y)`, which
    returns the new point (rounded to whole pixels here)."""
    def point(match):
        x, y = moved(float(match.group(2)), float(match.group(3)))
        return f'{match.group(1)}x="{round(x)}" y="{round(y)}"'

    return re.sub(r'(<(?:point|center) )x="([-0-9.]+)" y="([-0-9.]+)"', point, text)
