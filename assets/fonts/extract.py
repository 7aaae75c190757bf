#!/usr/bin/env python3
"""Extract the Simplified-Chinese face of Noto Sans CJK from Debian's font
collection and (optionally) convert it to TrueType (glyf) outlines.

Reproduces the files in this directory (assets/fonts/):

    NotoSansSC-Regular.otf   "Noto Sans CJK SC" Regular, CFF outlines, full glyph set
    NotoSansSC-Regular.ttf   same face converted to TrueType (quadratic, glyf) outlines
    NotoSansSC-Bold.otf      (only with --bold)
    NotoSansSC-Bold.ttf      (only with --bold --ttf)

Requirements (run as root on Debian):

    apt-get update && apt-get install -y fonts-noto-cjk
    pip install fonttools

Usage (from the repository root):

    python3 assets/fonts/extract.py                # Regular .otf + .ttf
    python3 assets/fonts/extract.py --no-ttf       # Regular .otf only
    python3 assets/fonts/extract.py --no-otf       # Regular .ttf only (no .otf kept)
    python3 assets/fonts/extract.py --bold         # also the Bold face

How it works:
  1. Open /usr/share/fonts/opentype/noto/NotoSansCJK-<Weight>.ttc with
     fontTools.ttLib.TTCollection and pick the member whose name-table family
     (nameID 1) is exactly "Noto Sans CJK SC" (index 2 in fonts-noto-cjk
     1:20220127, but the index is looked up, not hard-coded).
  2. Save that member as a standalone OpenType (CFF) font.  No subsetting: all
     65535 glyphs are kept, since user data can contain any Chinese name.
  3. For the .ttf: convert every CFF cubic outline to quadratic TrueType
     outlines with fontTools' cu2qu (max error 1 font unit, same as the
     fontTools "otf2ttf.py" snippet), build glyf/loca/maxp 1.0, drop CFF and
     VORG, and use post format 3 (no glyph names: 65535 names would bloat the
     table and are not needed).  Hinting is not carried over (unhinted TTF).
     Needed because some PDF subsetters only handle glyf-based fonts.
"""
import argparse
import os
import sys

from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTCollection, TTFont, newTable

SRC_DIR = "/usr/share/fonts/opentype/noto"
FAMILY = "Noto Sans CJK SC"
OUT_DIR = os.path.dirname(os.path.abspath(__file__))
MAX_ERR = 1.0  # font units, cu2qu approximation tolerance


def extract_sc(ttc_path, out_path):
    coll = TTCollection(ttc_path, lazy=True, recalcTimestamp=False)
    matches = [i for i, f in enumerate(coll.fonts)
               if f["name"].getDebugName(1) == FAMILY]
    if len(matches) != 1:
        sys.exit(f"{ttc_path}: expected one face named {FAMILY!r}, got {matches}")
    idx = matches[0]
    font = coll.fonts[idx]
    print(f"{ttc_path}: index {idx} = {font['name'].getDebugName(4)!r}")
    font.save(out_path)
    coll.close()
    return out_path


def otf_to_ttf(otf_path, ttf_path):
    font = TTFont(otf_path, recalcTimestamp=False)  # keep head.modified: reproducible output
    assert font.sfntVersion == "OTTO" and "CFF " in font
    glyph_order = font.getGlyphOrder()
    glyph_set = font.getGlyphSet()

    glyf = newTable("glyf")
    glyf.glyphOrder = glyph_order
    glyf.glyphs = {}
    for name in glyph_order:
        tt_pen = TTGlyphPen(glyph_set)
        glyph_set[name].draw(Cu2QuPen(tt_pen, MAX_ERR, reverse_direction=True))
        glyf.glyphs[name] = tt_pen.glyph()

    font["loca"] = newTable("loca")
    font["glyf"] = glyf
    del font["CFF "]
    if "VORG" in font:
        del font["VORG"]
    glyf.compile(font)

    # left side bearing = xMin for TrueType
    hmtx = font["hmtx"]
    for name, g in glyf.glyphs.items():
        if hasattr(g, "xMin"):
            hmtx[name] = (hmtx[name][0], g.xMin)

    maxp = newTable("maxp")
    maxp.tableVersion = 0x00010000
    maxp.maxZones = 1
    maxp.maxTwilightPoints = 0
    maxp.maxStorage = 0
    maxp.maxFunctionDefs = 0
    maxp.maxInstructionDefs = 0
    maxp.maxStackElements = 0
    maxp.maxSizeOfInstructions = 0
    maxp.maxComponentElements = max(
        (len(getattr(g, "components", [])) for g in glyf.glyphs.values()),
        default=0)
    font["maxp"] = maxp

    post = font["post"]
    post.formatType = 3.0
    post.extraNames = []
    post.mapping = {}

    font.sfntVersion = "\x00\x01\x00\x00"
    font.save(ttf_path)  # recalcBBoxes / maxp recalculation happen on save
    return ttf_path


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--bold", action="store_true", help="also extract Bold")
    ap.add_argument("--no-ttf", action="store_true", help="skip TrueType conversion")
    ap.add_argument("--no-otf", action="store_true",
                    help="delete the .otf after producing the .ttf")
    ap.add_argument("--out", default=OUT_DIR, help="output directory")
    args = ap.parse_args()

    weights = ["Regular"] + (["Bold"] if args.bold else [])
    for w in weights:
        ttc = os.path.join(SRC_DIR, f"NotoSansCJK-{w}.ttc")
        otf = os.path.join(args.out, f"NotoSansSC-{w}.otf")
        extract_sc(ttc, otf)
        print(f"wrote {otf} ({os.path.getsize(otf)} bytes)")
        if not args.no_ttf:
            ttf = os.path.join(args.out, f"NotoSansSC-{w}.ttf")
            otf_to_ttf(otf, ttf)
            print(f"wrote {ttf} ({os.path.getsize(ttf)} bytes)")
            if args.no_otf:
                os.remove(otf)
                print(f"removed {otf}")


if __name__ == "__main__":
    main()
