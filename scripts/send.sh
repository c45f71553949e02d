#!/usr/bin/env bash
# Turn the series into the mails b4 would send, and check them:
#   scripts/send.sh [OUTDIR]      dry run: write the mails to OUTDIR
#                                 (default build/b4-mails) and verify them
#   scripts/send.sh --send        really send, with b4 and your own identity
#                                 (never run by the scripts or CI)
# The mails come from the commits base..HEAD of build/linux (what
# scripts/export.sh writes to patches/), with Documentation/cover-letter.txt
# as the cover letter and To/Cc from scripts/get_maintainer.pl (b4 prep
# --auto-to-cc): To the maintainers of the touched files, Cc their reviewers
# and lists.  b4 works in a scratch worktree on a scratch branch, both
# removed at the end, so build/linux is not touched.
# The dry run checks that there is one mail per patch plus the cover, that
# the subjects are "[PATCH NN/MM] <commit subject>", that the cover carries
# To/Cc, and that "git am" of the mails onto base gives the tree of
# build/linux exactly.
. "$(dirname "$0")/lib.sh"

send=false out=$BUILD/b4-mails
case ${1:-} in
--send) send=true ;;
"") ;;
-*) die "usage: send.sh [OUTDIR | --send]" ;;
*) out=$1 ;;
esac
command -v b4 >/dev/null || die "b4 is not installed (scripts/deps.sh installs it)"
[ -e "$WT/.git" ] || die "no worktree at $WT (scripts/apply.sh)"
[ -z "$(git -C "$WT" status --porcelain --untracked-files=no)" ] ||
	die "$WT has uncommitted changes; commit and export them first"
n=$(git -C "$WT" rev-list --count base..HEAD)
[ "$n" -gt 0 ] || die "the series is empty"
# The revision is the newest entry of the cover letter's changelog,
# "- vN: ...": a v2 and later is sent as "[PATCH vN NN/MM]".
rev=$(sed -n 's/^- v\([0-9]\+\):.*/\1/p' "$TOP/Documentation/cover-letter.txt" | head -n 1)
[ -n "$rev" ] || die "Documentation/cover-letter.txt has no changelog entry '- vN: ...'"
prefix=PATCH
[ "$rev" -gt 1 ] && prefix="PATCH v$rev"

# b4 reads the identity from git config; a fresh machine has none.  The
# dry run also needs an SMTP setting, or b4 insists on signing for its web
# endpoint; the dry run never sends.
cfg=()
git config user.name >/dev/null || cfg+=(user.name "${GIT_AUTHOR_NAME:-PUD THP scripts}")
git config user.email >/dev/null || cfg+=(user.email "${GIT_AUTHOR_EMAIL:-pud-thp@localhost}")
$send || git config sendemail.smtpserver >/dev/null || cfg+=(sendemail.smtpserver /bin/false)
# b4's default puts reviewers in To as well (about 70 addresses for this
# series); To names the maintainers only, reviewers and lists go to Cc.
getm="scripts/get_maintainer.pl --nogit --nogit-fallback --nogit-chief-penguins --norolestats"
cfg+=(b4.send-auto-to-cmd "$getm --nol --nor" b4.send-auto-cc-cmd "$getm --nom")
export GIT_CONFIG_COUNT=$((${#cfg[@]} / 2))
for ((i = 0; i < ${#cfg[@]}; i += 2)); do
	export "GIT_CONFIG_KEY_$((i / 2))=${cfg[$i]}" "GIT_CONFIG_VALUE_$((i / 2))=${cfg[$((i + 1))]}"
done

scratch=$BUILD/b4-work branch=anon-pud-thp
cleanup() {
	git -C "$WT" worktree remove --force "$scratch" 2>/dev/null || rm -rf "$scratch"
	git -C "$WT" worktree prune
	git -C "$WT" branch -D "$branch" >/dev/null 2>&1 || true
}
cleanup
trap cleanup EXIT
git -C "$WT" worktree add -q -b "$branch" "$scratch" HEAD
cd "$scratch"
b4log=$BUILD/b4-send.log
# b4's own output goes to $b4log; a failing step shows it.
b4q() { "$@" >"$b4log" 2>&1 || { cat "$b4log"; die "$* failed"; }; }
b4q b4 prep -e base
[ "$rev" -gt 1 ] && b4q b4 prep --force-revision "$rev"
# The cover letter: subject, an empty line, the body (b4's format).
cover=$BUILD/b4-cover.txt
{
	head -n 1 "$TOP/Documentation/cover-letter.txt"
	echo
	tail -n +2 "$TOP/Documentation/cover-letter.txt" |
		sed "s/@BASE_VERSION@/$(cat "$CACHE/base-version")/"
	echo
	echo "Signed-off-by: $(git config user.name) <$(git config user.email)>"
} > "$cover"
EDITOR="cp $cover" b4q b4 prep --edit-cover
log "b4: To/Cc from get_maintainer.pl"
b4q b4 prep --auto-to-cc

if $send; then
	b4 send
	exit
fi

rm -rf "$out"
b4q b4 send -o "$out" --no-sign
mapfile -t mails < <(ls "$out"/*.eml)
[ ${#mails[@]} -eq $((n + 1)) ] || die "b4 wrote ${#mails[@]} mails, want $((n + 1))"
# A header of a mail, unfolded (b4 wraps long headers).
header() {	# $1 name, $2 mail
	awk -v h="$1:" '$1 == h { s = $0; while ((getline) > 0 && /^[ \t]/) s = s $0; print s; exit }' "$2" |
		sed "s/^$1: //; s/[ \t]\+/ /g"
}
subject() { header Subject "$1"; }
w=${#n}; [ "$w" -lt 2 ] && w=2
want=$(printf '[%s %0*d/%d] %s' "$prefix" "$w" 0 "$n" "$(head -n 1 "$TOP/Documentation/cover-letter.txt")")
[ "$(subject "${mails[0]}")" = "$want" ] || die "cover subject: '$(subject "${mails[0]}")', want '$want'"
nto=$(header To "${mails[0]}" | grep -o '@' | wc -l)
ncc=$(header Cc "${mails[0]}" | grep -o '@' | wc -l)
[ "$nto" -gt 0 ] && [ "$ncc" -gt 0 ] || die "the cover letter has $nto To and $ncc Cc addresses"
# To holds maintainers only, and every maintainer get_maintainer.pl names
# for the series is in To or Cc (b4 keeps the first header it finds an
# address for, patch by patch: a reviewer of an earlier patch stays in Cc).
addrs() { grep -oE '[^<> ,"]+@[^<> ,"]+' | tr 'A-Z' 'a-z' | sort -u; }
maint=$(git -C "$WT" format-patch -q --stdout base..HEAD | (cd "$WT" && $getm --nol --nor) | addrs)
others=$(comm -23 <(header To "${mails[0]}" | addrs) <(echo "$maint"))
[ -z "$others" ] || die "To holds addresses that are no maintainers: $others"
missing=$(comm -23 <(echo "$maint") <({ header To "${mails[0]}"; header Cc "${mails[0]}"; } | addrs))
[ -z "$missing" ] || die "maintainers missing from To and Cc: $missing"
i=0
for c in $(git -C "$WT" rev-list --reverse base..HEAD); do
	i=$((i + 1))
	want=$(printf '[%s %0*d/%d] %s' "$prefix" "$w" "$i" "$n" "$(git -C "$WT" log -1 --format=%s "$c")")
	got=$(subject "${mails[$i]}")
	[ "$got" = "$want" ] || die "mail $i: subject '$got', want '$want'"
done
# The mails apply onto base and give exactly the tree of build/linux.
git -C "$scratch" checkout -q --detach base
git -C "$scratch" am -q "${mails[@]:1}" || die "git am of the mails onto base failed"
[ "$(git -C "$scratch" rev-parse 'HEAD^{tree}')" = "$(git -C "$WT" rev-parse 'HEAD^{tree}')" ] ||
	die "the mails applied onto base do not give the tree of $WT"
log "b4: $((n + 1)) mails in $out, subjects [$prefix 00/$n]..[$prefix $n/$n], cover To: $nto maintainers, Cc: $ncc other addresses (get_maintainer.pl); git am onto base gives the series' tree"
