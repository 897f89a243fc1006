# test/lib/chroot.sh: Debian chroots for the project's own tests (sourced by
# test/matrix and test/install, which run as root).  A chroot is made once with
# debootstrap, cached under ${ROR_CHROOT_DIR:-/var/cache/ror-chroots}, and used
# with /proc and a private /dev/shm mounted; every mount is recorded in MOUNTED
# so the caller's EXIT trap (unmount_all) can undo it.  The caller defines
# say() and die().

CHROOT_DIR=${ROR_CHROOT_DIR:-/var/cache/ror-chroots}
MIRROR=${ROR_MIRROR:-http://deb.debian.org/debian}
# Mount points currently mounted by this run, unmounted (in reverse) by unmount_all.
MOUNTED=()

# Which Debian suite ships which PostgreSQL major. Keep to suites whose main archive
# has postgresql-NN, postgresql-server-dev-NN and postgresql-NN-pgtap.
suite_for() {
  case "$1" in
    15) echo bookworm ;;
    17) echo trixie ;;
    18) echo sid ;;
    *) return 1 ;;
  esac
}

# Run a command up to 4 times, waiting longer each time: the archive is reached over the
# network, and a dropped connection or a mirror caught mid-sync must not fail the run.
retry() {
  local n=1 max=4
  until "$@"; do
    if (( n >= max )); then
      printf '%s: giving up after %d attempts: %s\n' "$0" "$max" "$*" >&2
      return 1
    fi
    printf '%s: attempt %d failed, retrying in %ds: %s\n' "$0" "$n" $((n * 10)) "$*" >&2
    sleep $((n * 10))
    n=$((n + 1))
  done
}

# debootstrap is a Debian package, not part of a minimal machine: install it on demand.
ensure_debootstrap() {
  command -v debootstrap >/dev/null 2>&1 && return 0
  say "$0: installing debootstrap on the host"
  export DEBIAN_FRONTEND=noninteractive
  # Try with the package lists the host has; refresh them only when that fails.
  if ! apt-get install -y -q debootstrap >/dev/null 2>&1; then
    retry apt-get update -q >/dev/null
    retry apt-get install -y -q debootstrap >/dev/null \
      || die "could not install debootstrap (apt-get install -y debootstrap)"
  fi
  command -v debootstrap >/dev/null || die "debootstrap is installed but not on PATH ($PATH)"
}

# Mount a filesystem inside the chroot and remember it, so cleanup can undo it.
do_mount() {
  local target=$1; shift
  mkdir -p "$target"
  mount "$@" "$target" || die "mount $* $target failed (is this run allowed to mount?)"
  MOUNTED+=("$target")
}

# Mounts under $1 that are still there, deepest first (left by a run that was killed).
mounts_under() {
  local root=$1
  awk -v r="$root" '$2 == r || index($2, r "/") == 1 { print $2 }' /proc/self/mounts | sort -r
}

# Stop processes still running inside the chroot (a test server the inner runner left
# behind after a failure or Ctrl-C): they would keep /dev/shm busy. They can only have
# been started by a test/matrix or test/install run, which holds the chroot's lock.
stop_chroot_processes() {
  local root=$1 p pid pids=() i
  for p in /proc/[0-9]*; do
    pid=${p#/proc/}
    [[ $pid == "$$" ]] && continue
    [[ $(readlink "$p/root" 2>/dev/null) == "$root" ]] && pids+=("$pid")
  done
  (( ${#pids[@]} )) || return 0
  say "$0: stopping processes left in $root: ${pids[*]}" >&2
  kill -TERM "${pids[@]}" 2>/dev/null || true
  for i in 1 2 3 4 5 6 7 8 9 10; do
    sleep 0.5
    kill -0 "${pids[@]}" 2>/dev/null || return 0
  done
  kill -KILL "${pids[@]}" 2>/dev/null || true
}

# Undo every mount of this run, in reverse order; fall back to a lazy unmount so the
# host is never left with a mount inside the cache after the script ends.
unmount_all() {
  local i m
  for ((i = ${#MOUNTED[@]} - 1; i >= 0; i--)); do
    m=${MOUNTED[i]}
    umount "$m" 2>/dev/null || umount -l "$m" 2>/dev/null \
      || printf '%s: could not unmount %s\n' "$0" "$m" >&2
  done
  MOUNTED=()
}

# Unmount leftovers from a killed run before the chroot is used or removed: rm -rf over a
# live /proc or /dev mount would be a disaster.
sweep_stale_mounts() {
  local root=$1 m
  stop_chroot_processes "$root"
  while read -r m; do
    [[ -n $m ]] || continue
    say "$0: unmounting stale $m" >&2
    umount "$m" 2>/dev/null || umount -l "$m"
  done < <(mounts_under "$root")
}

# Run a command inside the chroot with a clean, fixed environment: the host's locale
# (LANG=en_US.UTF-8 and the like) does not exist in a minbase chroot and would make
# initdb and perl complain; C.UTF-8 is built into glibc and always there.
# Of the caller's environment only CI and the runner's own ROR_* settings (ROR_PORT, ...)
# go in. fd 9 (the chroot's lock) is closed for everything inside: a test server left
# running by a killed run must not keep the lock and so block the next run's clean-up.
in_chroot() {
  local root=$1 name pass=(); shift
  for name in $(compgen -e); do
    case $name in
      ROR_MATRIX_*|ROR_CHROOT_DIR|ROR_MIRROR) ;;
      CI|ROR_*) pass+=("$name=${!name}") ;;
    esac
  done
  chroot "$root" /usr/bin/env -i \
    PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    HOME=/root LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM="${TERM:-dumb}" \
    DEBIAN_FRONTEND=noninteractive \
    "${pass[@]}" \
    "$@" 9>&-
}

# The mounts that apt and PostgreSQL need: /proc (runuser, pg_ctl and ps read it) and a
# private tmpfs on /dev/shm for PostgreSQL's POSIX dynamic shared memory
# (dynamic_shared_memory_type = posix, the default), kept apart from the host's segments.
# The host's /dev is deliberately not bind-mounted: on a host whose mounts propagate
# (systemd makes / shared), a mount on <chroot>/dev/shm would then land on the host's
# /dev/shm too. debootstrap already made the few device nodes needed (null, zero, ...).
mount_chroot() {
  local root=$1 node name major minor
  for node in null:1:3 zero:1:5 full:1:7 random:1:8 urandom:1:9 tty:5:0; do
    IFS=: read -r name major minor <<<"$node"
    [[ -c $root/dev/$name ]] && continue
    rm -f "$root/dev/$name"
    mknod -m 666 "$root/dev/$name" c "$major" "$minor"
  done
  do_mount "$root/proc" -t proc proc
  do_mount "$root/dev/shm" -t tmpfs -o mode=1777,size=1g tmpfs
}

# One debootstrap attempt of suite $1 into $2. debootstrap cannot resume a broken
# target, so each attempt starts from an empty directory.
# shellcheck disable=SC2317 # called through retry
bootstrap_once() {
  local suite=$1 root=$2
  rm -rf --one-file-system "$root"
  mkdir -p "$root"
  if ! debootstrap --variant=minbase "$suite" "$root" "$MIRROR" >"$root.debootstrap.log" 2>&1; then
    tail -n 5 "$root.debootstrap.log" >&2
    return 1
  fi
}

# Files written into the chroot before apt runs.
configure_chroot() {
  local root=$1 suite=$2
  # Never start services while installing: postgresql's postinst would try to start a
  # server inside the chroot (and could clash with the host's on port 5432).
  printf '#!/bin/sh\nexit 101\n' >"$root/usr/sbin/policy-rc.d"
  chmod 755 "$root/usr/sbin/policy-rc.d"
  # The tests make their own throw-away cluster; the packaged "NN main" cluster would only
  # cost time and disk. The file is in place before postgresql-common installs it.
  mkdir -p "$root/etc/postgresql-common"
  printf 'create_main_cluster = false\n' >"$root/etc/postgresql-common/createcluster.conf"
  # dpkg: no fsync after every file. The chroot is a cache that is rebuilt if an install
  # breaks, and the syncs make installing the compiler and server several times slower.
  printf 'force-unsafe-io\n' >"$root/etc/dpkg/dpkg.cfg.d/90ror-unsafe-io"
  # apt: retry downloads itself, and stay small.
  cat >"$root/etc/apt/apt.conf.d/90ror" <<'EOF'
Acquire::Retries "5";
APT::Install-Recommends "false";
APT::Install-Suggests "false";
EOF
  # A mirror frozen in time (as on our build machines) serves sid's Release file past its
  # Valid-Until date, and apt then refuses it. Follow the host: where the host's apt has
  # been told not to check that date, neither does the chroot's (signatures still are).
  if [[ $(apt-config dump Acquire::Check-Valid-Until 2>/dev/null) == *'"false"'* ]]; then
    printf 'Acquire::Check-Valid-Until "false";\n' >>"$root/etc/apt/apt.conf.d/90ror"
  fi
  printf 'deb %s %s main\n' "$MIRROR" "$suite" >"$root/etc/apt/sources.list"
  # Name resolution for apt, and "localhost" for the test server.
  cp -L /etc/resolv.conf "$root/etc/resolv.conf" 2>/dev/null || true
  grep -qs '^127\.0\.0\.1[[:space:]].*localhost' "$root/etc/hosts" \
    || printf '127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n' >>"$root/etc/hosts"
}

# The checkout's top directory (this file lives in <top>/test/lib).
checkout_top() {
  local here
  here=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
  git -C "$here" rev-parse --show-toplevel 2>/dev/null || printf '%s\n' "$here"
}

# Copy the working tree as git sees it (tracked files plus untracked files that are not
# ignored: no build outputs, no .git) into $2. Tracked files deleted in the work tree
# are skipped. Without git, copy everything but .git.
copy_tree() {
  local top=$1 dest=$2
  mkdir -p "$dest"
  if git -C "$top" rev-parse --git-dir >/dev/null 2>&1; then
    git -C "$top" ls-files -z --cached --others --exclude-standard \
      | (cd "$top" && while IFS= read -r -d '' f; do
           [[ -e $f || -L $f ]] && printf '%s\0' "$f"
         done) \
      | tar -C "$top" --null --no-recursion -T - -cf - \
      | tar -C "$dest" -xf -
  else
    tar -C "$top" --exclude=./.git -cf - . | tar -C "$dest" -xf -
  fi
}
