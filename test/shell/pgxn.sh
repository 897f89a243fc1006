#!/usr/bin/env bash
# PGXN packaging: META.json follows the PGXN Meta Spec 1.0.0 and agrees with
# ror.control, and `make dist` writes ror-X.Y.Z.zip with one top folder
# ror-X.Y.Z/ holding the committed files only.  Needs perl (core JSON::PP and
# IO::Uncompress::Unzip) and make; the dist checks also need git and a git
# checkout, and are skipped without them (test/matrix copies the tree without
# .git).  Builds in a temporary clone: leaves nothing in the checkout.
#   ROR_PGXN_TOP=/some/copy bash test/shell/pgxn.sh   # check another tree
# Prints TAP (plan at the end).
set -uo pipefail
top=$(cd "${ROR_PGXN_TOP:-$(dirname "$0")/../..}" && pwd -P) || { echo "not ok 1 - the tree to check exists"; echo "1..1"; exit 0; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
n=0

# ok|not-ok DESCRIPTION [DIAGNOSTIC...]: one numbered TAP line (+ "# " lines on failure)
t() {
    local status=$1 desc=$2; shift 2
    n=$((n + 1))
    if [ "$status" = 0 ]; then echo "ok $n - $desc"
    else echo "not ok $n - $desc"; local d; for d in "$@"; do [ -n "$d" ] && printf '%s\n' "$d" | sed 's/^/# /'; done
    fi
}
skip() { n=$((n + 1)); echo "ok $n - $1 # SKIP $2"; }

version=$(sed -nE "s/^[[:space:]]*default_version[[:space:]]*=[[:space:]]*'([^']*)'.*/\1/p" "$top/ror.control" 2>/dev/null | head -n 1)
checkout=0 why="git not found"
if command -v git >/dev/null 2>&1; then
    why="not a git checkout"
    [ "$(git -C "$top" rev-parse --show-toplevel 2>/dev/null)" = "$top" ] && checkout=1
fi

# ---- META.json (perl prints "ok - ..." / "not ok - ..." / "# ..." lines, numbered below)
meta_checks=16
read -r -d '' meta_pl <<'PERL'
use strict;
use warnings;
use B ();
use JSON::PP ();

my ($top, $checkout, $why) = @ARGV;
sub check {
    my ($ok, $name, @diag) = @_;
    print $ok ? "ok - $name\n" : "not ok - $name\n";
    print map { "# $_\n" } grep { defined && length } @diag unless $ok;
}
sub skip { print "ok - $_[0] # SKIP $_[1]\n" }
# a JSON string (not a number), non-empty
sub is_str { my $v = shift; defined $v && !ref $v && (B::svref_2object(\$v)->FLAGS & B::SVp_POK) && length $v }
sub is_semver { my $v = shift; is_str($v) && $v =~ /\A(?:0|[1-9]\d*)\.(?:0|[1-9]\d*)\.(?:0|[1-9]\d*)(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?\z/ }
sub show { my $v = shift; defined $v ? JSON::PP->new->canonical->allow_nonref->encode($v) : 'missing' }
sub tracked {
    my $f = shift;
    open(my $p, '-|', 'git', '-C', $top, 'ls-files', '--', $f) or return 0;
    my @l = <$p>;
    close $p;
    chomp @l;
    return scalar grep { $_ eq $f } @l;
}

my ($meta, $err) = ({}, '');
if (open my $fh, '<:raw', "$top/META.json") {
    local $/;
    my $text = <$fh>;
    $meta = eval { JSON::PP->new->utf8->decode($text) };
    $err = $@;
} else {
    $err = "cannot read $top/META.json: $!";
}
check(ref $meta eq 'HASH', 'META.json parses as a JSON object', $err);
$meta = {} unless ref $meta eq 'HASH';

check(is_str($meta->{name}) && $meta->{name} eq 'ror', 'META.json name is "ror"', 'name: ' . show($meta->{name}));
check(is_str($meta->{abstract}), 'META.json abstract is a non-empty string', 'abstract: ' . show($meta->{abstract}));

my $m = $meta->{maintainer};
check(is_str($m) || (ref $m eq 'ARRAY' && @$m && !grep { !is_str($_) } @$m),
      'META.json maintainer is a non-empty string or array of them', 'maintainer: ' . show($m));

my %licenses = map { $_ => 1 } qw(agpl_3 apache_1_1 apache_2_0 artistic_1 artistic_2 bsd freebsd
    gfdl_1_2 gfdl_1_3 gpl_1 gpl_2 gpl_3 lgpl_2_1 lgpl_3_0 mit mozilla_1_0 mozilla_1_1 openssl perl_5
    postgresql qpl_1_0 ssleay sun zlib open_source restricted unrestricted unknown);
my $l = $meta->{license};
check((is_str($l) && $licenses{$l})
      || (ref $l eq 'ARRAY' && @$l && !grep { !is_str($_) || !$licenses{$_} } @$l)
      || (ref $l eq 'HASH' && %$l && !grep { !is_str($_) || !m{\A[a-z][a-z0-9+.-]*://\S+\z}i } values %$l),
      'META.json license is a spec license (known name, list of them, or name => URL)', 'license: ' . show($l));

my $ms = $meta->{'meta-spec'};
check(ref $ms eq 'HASH' && is_str($ms->{version}) && $ms->{version} eq '1.0.0'
      && (!exists $ms->{url} || (is_str($ms->{url}) && $ms->{url} =~ m{\Ahttps?://pgxn\.org/meta/spec\.txt\z})),
      'META.json meta-spec version is "1.0.0"', 'meta-spec: ' . show($ms));

check(is_semver($meta->{version}), 'META.json version is a semantic version', 'version: ' . show($meta->{version}));

my $p = ref $meta->{provides} eq 'HASH' ? $meta->{provides} : {};
my $ext = ref $p->{ror} eq 'HASH' ? $p->{ror} : {};
check(is_str($ext->{file}) && is_semver($ext->{version}),
      'META.json provides.ror has a file and a semantic version', 'provides: ' . show($meta->{provides}));

check(is_str($ext->{version}) && is_str($meta->{version}) && $ext->{version} eq $meta->{version},
      'META.json provides.ror.version equals its version',
      'version: ' . show($meta->{version}) . ', provides.ror.version: ' . show($ext->{version}));

my $control = '';
if (open my $fh, '<', "$top/ror.control") { local $/; $control = <$fh> }
my ($default) = $control =~ /^\s*default_version\s*=\s*'([^']*)'/m;
check(defined $default && is_str($meta->{version}) && $meta->{version} eq $default,
      "META.json version equals ror.control's default_version",
      'version: ' . show($meta->{version}) . ', default_version: ' . show($default));

# a relative unix path to a file of the tree, tracked by git when it is a checkout
for my $key (qw(file docfile)) {
    my $f = $ext->{$key};
    my $sane = is_str($f) && $f !~ m{\A/} && $f !~ m{(?:\A|/)\.\.(?:/|\z)} && $f !~ /\\/;
    my $what = $key eq 'file' ? 'an SQL script' : 'a file';
    check($sane && -f "$top/$f" && ($key ne 'file' || $f =~ /\.sql\z/),
          "META.json provides.ror.$key is $what in the tree", "provides.ror.$key: " . show($f));
    if ($checkout) {
        check($sane && tracked($f), "META.json provides.ror.$key is tracked by git, so it is in the dist archive",
              "provides.ror.$key: " . show($f) . ' is not in git ls-files');
    } else {
        skip("META.json provides.ror.$key is tracked by git", $why);
    }
}

my $pg = eval { $meta->{prereqs}{runtime}{requires}{PostgreSQL} };
check(is_str($pg) && $pg eq '15.0.0',
      'META.json prereqs.runtime.requires.PostgreSQL is "15.0.0", the oldest tested major',
      'PostgreSQL: ' . show($pg));

# no keys outside the spec (x_ keys are custom), and the optional ones well formed
my @bad;
my %top_keys = map { $_ => 1 } qw(name version abstract maintainer license provides meta-spec
    description generated_by tags no_index prereqs release_status resources);
push @bad, map { "unknown key $_" } grep { !$top_keys{$_} && !/\A[xX]_./ } sort keys %$meta;
for my $e (sort keys %$p) {
    my $v = $p->{$e};
    if (ref $v ne 'HASH') { push @bad, "provides.$e is not an object"; next }
    push @bad, map { "unknown key provides.$e.$_" }
        grep { !/\A(?:file|version|abstract|docfile)\z/ && !/\A[xX]_./ } sort keys %$v;
}
push @bad, 'release_status: ' . show($meta->{release_status})
    if exists $meta->{release_status} && !(is_str($meta->{release_status}) && $meta->{release_status} =~ /\A(?:stable|testing|unstable)\z/);
for my $k (qw(description generated_by)) {
    push @bad, "$k: " . show($meta->{$k}) if exists $meta->{$k} && !is_str($meta->{$k});
}
if (exists $meta->{tags}) {
    my $tags = $meta->{tags};
    push @bad, 'tags: ' . show($tags)
        unless ref $tags eq 'ARRAY' && @$tags && !grep { !is_str($_) || length > 255 || !/\A[^\/\\\p{Cc}]{2,}\z/ } @$tags;
}
if (exists $meta->{prereqs}) {
    my $pr = $meta->{prereqs};
    if (ref $pr ne 'HASH' || !%$pr) { push @bad, 'prereqs: ' . show($pr) }
    else {
        for my $phase (sort keys %$pr) {
            next if $phase =~ /\A[xX]_/;
            push @bad, "unknown prereqs phase $phase" unless $phase =~ /\A(?:configure|build|test|runtime|develop)\z/;
            my $rels = $pr->{$phase};
            if (ref $rels ne 'HASH') { push @bad, "prereqs.$phase is not an object"; next }
            for my $rel (sort keys %$rels) {
                next if $rel =~ /\A[xX]_/;
                push @bad, "unknown prereqs relationship $phase.$rel" unless $rel =~ /\A(?:requires|recommends|suggests|conflicts)\z/;
                my $set = $rels->{$rel};
                if (ref $set ne 'HASH') { push @bad, "prereqs.$phase.$rel is not an object"; next }
                for my $dep (sort keys %$set) {
                    my $r = $set->{$dep};
                    # a version range: 0 (any), a version, or comparisons joined by commas
                    push @bad, "prereqs.$phase.$rel.$dep: " . show($r)
                        unless (defined $r && !ref $r && $r eq '0')
                            || (is_str($r) && $r =~ /\A\s*(?:(?:[<>]=?|==|!=)\s*)?\d+\.\d+\.\d+\S*(?:\s*,\s*(?:[<>]=?|==|!=)\s*\d+\.\d+\.\d+\S*)*\s*\z/);
                }
            }
        }
    }
}
check(!@bad, 'META.json has no keys outside the spec, and its optional keys are well formed', @bad);
PERL

meta_out=$(perl -e "$meta_pl" "$top" "$checkout" "$why" 2>&1)
ran=0
while IFS= read -r line; do
    case $line in
        "ok - "*) n=$((n + 1)); ran=$((ran + 1)); echo "ok $n - ${line#ok - }" ;;
        "not ok - "*) n=$((n + 1)); ran=$((ran + 1)); echo "not ok $n - ${line#not ok - }" ;;
        "") ;;
        "# "*) echo "$line" ;;
        *) echo "# $line" ;;
    esac
done <<<"$meta_out"
# a perl that died half way (no JSON::PP, a syntax error) must not pass quietly
[ "$ran" = "$meta_checks" ] || t 1 "all $meta_checks META.json checks ran (ran $ran)"

# ---- make dist
# Outside a git checkout it must stop with a clear message and write nothing.
mkdir "$tmp/nogit"
cp "$top/Makefile" "$top/ror.control" "$tmp/nogit/" 2>/dev/null
if msg=$(make -s -C "$tmp/nogit" PG_CONFIG=/nonexistent/pg_config dist </dev/null 2>&1); then rc=0; else rc=$?; fi
zips=$(cd "$tmp/nogit" && ls -- *.zip 2>/dev/null)
[ "$rc" != 0 ] && grep -q '^make dist: .*git' <<<"$msg" && [ -z "$zips" ]
t $? "make dist outside a git checkout fails, says why, and writes no zip" "exit status $rc, output:" "$msg" "${zips:+zips written: $zips}"

if [ "$checkout" = 0 ]; then
    skip "make dist" "$why"
else
    # A clone of HEAD (what git archive reads) with the work tree's Makefile and
    # ror.control, so the dist target being written is the one tested.
    zip=$tmp/clone/ror-$version.zip
    head=$(git -C "$top" rev-parse HEAD 2>/dev/null)
    if msg=$({ git clone -q "$top" "$tmp/clone" && git -C "$tmp/clone" checkout -q --detach "$head" \
               && cp "$top/Makefile" "$top/ror.control" "$tmp/clone/" \
               && make -s -C "$tmp/clone" PG_CONFIG=/nonexistent/pg_config dist; } </dev/null 2>&1) \
       && [ -n "$version" ] && [ -s "$zip" ]; then rc=0; else rc=1; fi
    t $rc "make dist (without pg_config) writes ror-$version.zip at the top of the checkout" "$msg" \
        "$(for f in "$tmp"/clone/*.zip; do [ -e "$f" ] && echo "zip written: ${f##*/}"; done)"

    # the member names, with perl's core IO::Uncompress::Unzip
    entries=$tmp/entries
    perl -MIO::Uncompress::Unzip=\$UnzipError -e '
        my $z = IO::Uncompress::Unzip->new($ARGV[0]) or die "cannot open $ARGV[0]: $UnzipError\n";
        my $status;
        for ($status = 1; $status > 0; $status = $z->nextStream) {
            my $h = $z->getHeaderInfo or die "no header: $UnzipError\n";
            print $h->{Name}, "\n";
        }
        die "cannot read $ARGV[0]: $UnzipError\n" if $status < 0;
    ' "$zip" >"$entries" 2>"$tmp/unzip.err"
    rc=$?
    [ "$rc" = 0 ] && [ -s "$entries" ]
    t $? "the zip reads with IO::Uncompress::Unzip ($(wc -l <"$entries") entries)" "$(cat "$tmp/unzip.err")"

    prefix="ror-$version/"
    outside=$(awk -v p="$prefix" 'index($0, p) != 1' "$entries" | head -n 5)
    [ -s "$entries" ] && [ -z "$outside" ]
    t $? "every zip entry is under one top folder $prefix" "outside it: $outside"

    missing=
    for f in META.json Makefile ror.control; do
        grep -qxF -e "$prefix$f" "$entries" || missing="$missing $f"
    done
    grep -qE "^ror-$version/src/[^/]+\.c$" "$entries" || missing="$missing src/*.c"
    [ -z "$missing" ]
    t $? "the zip holds META.json, Makefile, ror.control and src/*.c" "missing:$missing"

    # exactly the files committed at HEAD (directory entries aside)
    git -C "$top" ls-tree -r --name-only HEAD 2>/dev/null | sed "s|^|$prefix|" | sort >"$tmp/want"
    grep -v '/$' "$entries" | sort >"$tmp/got"
    diff=$(diff "$tmp/want" "$tmp/got" | grep '^[<>]' | head -n 10)
    [ -s "$tmp/want" ] && [ -z "$diff" ]
    t $? "the zip holds exactly the files committed at HEAD" "< committed, not in the zip; > in the zip, not committed:" "$diff"

    v=${version//./\\.}
    built=$(grep -E "\.(o|so|bc|a|zip)\$|^ror-$v/((tmp|results|log)/|regression\.(diffs|out)\$|sql/ror--$v\.sql\$)" "$entries")
    [ -z "$built" ]
    t $? "the zip holds no build outputs (*.o, *.so, tmp/, results/, sql/ror--$version.sql)" "$built"
fi

echo "1..$n"
