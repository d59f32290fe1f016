"""The loop both frame tools share: every PKLot frame of a folder (image + same-stem .xml),
transformed, written under the output folder as JPEG beside its rewritten XML."""
import pathlib

import cv2


def transform_folder(source, out, transform, quality):
    """`transform(image)` returns the new image and a function that rewrites the XML's text."""
    source, out = pathlib.Path(source), pathlib.Path(out)
    out.mkdir(parents=True, exist_ok=True)
    for xml in sorted(source.rglob("*.xml")):
        image_path = next((xml.with_suffix(ext) for ext in (".png", ".jpg") if xml.with_suffix(ext).exists()), None)
        if image_path is None:
            continue
        image, rewrite = transform(cv2.imread(str(image_path)))
        target = out / xml.relative_to(source).parent
        target.mkdir(parents=True, exist_ok=True)
        cv2.imwrite(str(target / (image_path.stem + ".jpg")), image, [cv2.IMWRITE_JPEG_QUALITY, quality])
        (target / xml.name).write_text(rewrite(xml.read_text()))
