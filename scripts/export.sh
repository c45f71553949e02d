#!/usr/bin/env bash
# Regenerate patches/ from the commits base..HEAD in build/linux:
# git format-patch files with a cover letter and the quilt "series" file.
# The output is stable: the same commits give byte-identical files.
. "$(dirname "$0")/lib.sh"

out=$TOP/patches
[ -e "$WT/.git" ] || die "no worktree at $WT"
[ -z "$(git -C "$WT" status --porcelain --untracked-files=no)" ] ||
	die "$WT has uncommitted changes; commit them first"
mkdir -p "$out"
rm -f "$out"/*.patch
n=$(git -C "$WT" rev-list --count base..HEAD)
if [ "$n" -eq 0 ]; then
	: > "$out/series"
	log "series is empty"
	exit 0
fi
git -C "$WT" format-patch -q --cover-letter --zero-commit --no-signature \
	--base=base -o "$out" base..HEAD
cover=$out/0000-cover-letter.patch
# The cover letter text lives in Documentation/cover-letter.txt: its first
# line is the subject, the rest the body.  The date is the newest commit's,
# so an unchanged series exports unchanged.
subject=$(head -n 1 "$TOP/Documentation/cover-letter.txt")
python3 - "$cover" "$TOP/Documentation/cover-letter.txt" "$(cat "$CACHE/base-version")" \
	"$(git -C "$WT" log -1 --format=%aD)" "$subject" <<'PY'
import sys
cover, body_file, base_version, date, subject = sys.argv[1:]
body = open(body_file).read().split("\n", 1)[1].strip("\n")
body = body.replace("@BASE_VERSION@", base_version)
text = open(cover).read()
text = text.replace("*** SUBJECT HERE ***", subject)
text = text.replace("*** BLURB HERE ***", body)
lines = [("Date: " + date) if l.startswith("Date: ") else l for l in text.split("\n")]
open(cover, "w").write("\n".join(lines))
PY
(cd "$out" && ls [0-9][0-9][0-9][0-9]-*.patch | grep -v '^0000-cover-letter') > "$out/series"
log "exported $n patches to $out"
