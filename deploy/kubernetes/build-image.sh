#!/usr/bin/env bash
# Builds the maskstream container image for Kubernetes.
#   deploy/kubernetes/build-image.sh [cpu|cuda] [IMAGE_TAG]
# cpu  (default): maskstream:0.1.0       - Dockerfile,      ONNX Runtime CPU
# cuda          : maskstream:0.1.0-cuda  - Dockerfile.cuda, ONNX Runtime GPU (mvn -Pcuda)
# Steps: build the fat job jar with Maven, stage it and the matching ONNX Runtime jar under
# deploy/kubernetes/target/<variant>/, then `docker build` (set DOCKER=podman to use Podman,
# SKIP_DOCKER=1 to stage only). Note: the cuda variant leaves the -Pcuda jar in pipeline/target;
# build the cpu variant (or touch a source file) before running ./maskstream locally again.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
variant="${1:-cpu}"
case "$variant" in
  cpu)  profile=(); ort_artifact=onnxruntime; dockerfile=Dockerfile; tag="${2:-maskstream:0.1.0}" ;;
  cuda) profile=(-Pcuda); ort_artifact=onnxruntime_gpu; dockerfile=Dockerfile.cuda; tag="${2:-maskstream:0.1.0-cuda}" ;;
  *) echo "usage: build-image.sh [cpu|cuda] [IMAGE_TAG]" >&2; exit 2 ;;
esac
stage="$here/target/$variant"

echo "build-image: building the job jar (${profile[*]:-CPU})" >&2
(cd "$root" && mvn -B -q -DskipTests -Dmaven.test.skip=true "${profile[@]}" package -pl pipeline -am)

rm -rf "$stage" && mkdir -p "$stage/lib"
cp "$root/pipeline/target/maskstream-job.jar" "$stage/maskstream-job.jar"
ort_version="$(sed -n 's:.*<onnxruntime.version>\(.*\)</onnxruntime.version>.*:\1:p' "$root/pom.xml" | head -1)"
[ -n "$ort_version" ] || { echo "build-image: onnxruntime.version not found in $root/pom.xml" >&2; exit 1; }
mvn -B -q org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy -Dartifact="com.microsoft.onnxruntime:$ort_artifact:$ort_version" \
  -DoutputDirectory="$stage/lib" -Dmdep.overWriteIfNewer=true
echo "build-image: staged $(ls "$stage" "$stage/lib" | tr '\n' ' ')" >&2

if [ -n "${SKIP_DOCKER:-}" ]; then exit 0; fi
"${DOCKER:-docker}" build -f "$here/$dockerfile" --build-arg STAGE="target/$variant" -t "$tag" "$here"
echo "build-image: built $tag" >&2
