"""Typst's layout and PDF of the member roster: the peer of `gridorg roster`
in benches/peers/run.sh.

    python3 typst_roster.py roster.typ FONT_DIR out.pdf

roster.typ is written by `cargo run --release --example peer_inputs`; FONT_DIR
holds the bundled font (assets/fonts), so both print in the same face.
"""
import sys

import typst

source, fonts, output = sys.argv[1:4]
typst.compile(source, output=output, font_paths=[fonts])
