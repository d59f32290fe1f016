#!/usr/bin/env python3
"""Copies a folder of PKLot frames (image + same-stem .xml) at another size, the XML's points and
rectangles scaled with it: the same lot as a lower-resolution camera would see it, for
`parkwatch eval spaces`. Usage: resize_pklot.py SOURCE_DIR OUT_DIR WIDTH HEIGHT"""
import pathlib
import re
import sys

import cv2


def scale_xml(text, sx, sy):
    def point(match):
        return f'{match.group(1)}x="{round(float(match.group(2)) * sx)}" y="{round(float(match.group(3)) * sy)}"'

    text = re.sub(r'(<(?:point|center) )x="([-0-9.]+)" y="([-0-9.]+)"', point, text)
    return re.sub(r'<size w="([-0-9.]+)" h="([-0-9.]+)"',
                  lambda m: f'<size w="{round(float(m.group(1)) * sx)}" h="{round(float(m.group(2)) * sy)}"', text)


def main(source, out, width, height):
    out.mkdir(parents=True, exist_ok=True)
    for xml in sorted(source.rglob("*.xml")):
        image_path = next((xml.with_suffix(ext) for ext in (".png", ".jpg") if xml.with_suffix(ext).exists()), None)
        if image_path is None:
            continue
        image = cv2.imread(str(image_path))
        h, w = image.shape[:2]
        resized = cv2.resize(image, (width, height), interpolation=cv2.INTER_AREA)
        target = out / xml.relative_to(source).parent
        target.mkdir(parents=True, exist_ok=True)
        cv2.imwrite(str(target / (image_path.stem + ".jpg")), resized, [cv2.IMWRITE_JPEG_QUALITY, 90])
        (target / xml.name).write_text(scale_xml(xml.read_text(), width / w, height / h))


if __name__ == "__main__":
    if len(sys.argv) != 5:
        sys.exit(__doc__)
    main(pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]))
