#!/bin/sh
# Builds the Debian package of gridorg into target/debian/ of this checkout:
#
#     packaging/deb.sh
#
# (even when CARGO_TARGET_DIR puts the build elsewhere). Install it with
#     sudo apt install ./target/debian/gridorg_*.deb
# What the package holds is in Cargo.toml, [package.metadata.deb]; the files
# it installs besides the program are in packaging/. The package is built
# with cargo-deb, installed here first when it is missing. Arguments are
# passed to cargo-deb (e.g. --fast for quicker compression).
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
if ! cargo deb --version >/dev/null 2>&1; then
    echo "deb.sh: cargo-deb is missing: cargo install cargo-deb --locked"
    cargo install cargo-deb --locked
fi
mkdir -p target/debian
cargo deb --locked --output target/debian/ "$@"
