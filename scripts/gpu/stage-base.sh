#!/usr/bin/env bash
# .gpu/app-base: the project's own jars built at another commit (default ebdb951, the last before kernel launches
# stopped allocating JavaCPP pointers), for campaign phases that interleave it with .gpu/app in one run. Under 1 MB:
# carried with .gpu/app; `suite.sh install` keeps it, `suite.sh base` (after `suite.sh libcv`) makes
# /tmp/gpu/app-base, the app with these jars in place of its own.
#   scripts/gpu/stage-base.sh [COMMIT]
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
commit=${1:-ebdb951}
wt=$(mktemp -d /tmp/yolo-base.XXXXXX)
git -C "$root" worktree add --detach "$wt" "$commit" > /dev/null
trap 'git -C "$root" worktree remove --force "$wt"' EXIT
(cd "$wt" && mvn -q -o -B package -DskipTests -Dmaven.javadoc.skip=true -Dmaven.source.skip=true)
rm -rf "$root/.gpu/app-base" && mkdir -p "$root/.gpu/app-base"
for j in "$wt"/yolo-*/target/yolo-*-SNAPSHOT.jar "$wt"/yolo-*/target/yolo-*-SNAPSHOT-tests.jar; do
  [[ -f $j && $j != *yolo-parent* ]] && cp "$j" "$root/.gpu/app-base/"
done
git -C "$root" rev-parse "$commit" > "$root/.gpu/app-base/COMMIT"
ls "$root/.gpu/app-base"
