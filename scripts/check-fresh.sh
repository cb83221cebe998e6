#!/bin/sh
# scripts/check-fresh.sh: `make check-fresh`: the README's two commands on a
# fresh Debian 12.  Builds a minimal bookworm root with debootstrap (from
# the Debian archive this machine's apt already uses), installs only gcc,
# make and git in it, clones this repository's HEAD into it (committed
# work only) and runs `./configure && make demo`, then
# `./configure && make check` inside it, as a new user would.  Needs root
# (debootstrap, chroot, mounts) and the archive; where either is missing it
# says so and stops.  FRESH_ROOT=DIR keeps the root there (reused by the
# next run); MIRROR=URL overrides the archive.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
say() { echo "check-fresh: $*"; }
stop() {
	say "$*"
	exit 1
}

[ "$(id -u)" = 0 ] || stop "cannot run: needs root (debootstrap, chroot and mounts); try: sudo make check-fresh"
command -v debootstrap >/dev/null 2>&1 ||
	stop "cannot run: no debootstrap here (as root: apt-get install debootstrap)"

# the archive apt uses: deb822 sources first, then the one-line format
mirror=${MIRROR:-}
if [ -z "$mirror" ]; then
	mirror=$(cat /etc/apt/sources.list.d/*.sources 2>/dev/null |
		awk '/^URIs:/ { u = $2 } /^Suites:/ && / bookworm( |$)/ && u { print u; exit }')
fi
if [ -z "$mirror" ]; then
	mirror=$(cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null |
		awk '$1 == "deb" && $3 == "bookworm" { print $2; exit }')
fi
[ -n "$mirror" ] || stop "cannot run: apt uses no Debian bookworm archive here (set MIRROR=URL)"

root=${FRESH_ROOT:-}
if [ -z "$root" ]; then
	root=$(mktemp -d /var/tmp/spacelock-fresh.XXXXXX) || stop "cannot make a directory in /var/tmp"
	trap 'umount_all; rm -rf "$root"' EXIT
else
	trap 'umount_all' EXIT
fi
mounted=""
umount_all() {
	for m in $mounted; do umount -l "$m" 2>/dev/null; done
	mounted=""
}
trap 'exit 130' INT TERM HUP

log=$root.log
if [ ! -f "$root/.bootstrapped" ]; then
	say "debootstrap bookworm (minbase) from $mirror into $root"
	if ! debootstrap --variant=minbase bookworm "$root" "$mirror" >"$log" 2>&1; then
		tail -n 5 "$log"
		stop "cannot run: debootstrap failed (is $mirror reachable?); log: $log"
	fi
	touch "$root/.bootstrapped"
fi
# mktemp -d made the root 0700: inside the chroot that is `/`, and a user
# other than root could not even load libc
chmod 755 "$root"
for m in proc sys dev dev/pts; do
	mkdir -p "$root/$m"
	case $m in
	proc) mount -t proc proc "$root/proc" ;;
	sys) mount -t sysfs sysfs "$root/sys" ;;
	*) mount --bind "/$m" "$root/$m" ;;
	esac && mounted="$root/$m $mounted"
done
cp -L /etc/resolv.conf "$root/etc/resolv.conf" 2>/dev/null

# gcc, make and git as a user installs them: apt-get, recommends and all
say "apt-get install gcc make git in the root"
chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin DEBIAN_FRONTEND=noninteractive \
	sh -c 'apt-get update -qq && apt-get install -y -qq gcc make git' >>"$log" 2>&1 ||
	stop "cannot run: apt-get install gcc make git failed in the root; log: $log"

rm -rf "$root/root/spacelock"
git clone -q "$top" "$root/root/spacelock" || stop "cannot clone $top"
say "cloned $(git -C "$top" rev-parse --short HEAD) (committed work only)"

in_root() {
	chroot "$root" /usr/bin/env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
		HOME=/root LANG=C.UTF-8 TERM=dumb /bin/sh -c "cd /root/spacelock && $1"
}
status=0
for cmd in "./configure && make demo" "./configure && make check"; do
	say "running: $cmd"
	in_root "$cmd" >"$root.$$.out" 2>&1
	rc=$?
	tail -n 3 "$root.$$.out" | sed 's/^/  /'
	cp "$root.$$.out" "$log.$(echo "$cmd" | awk '{print $NF}')"
	rm -f "$root.$$.out"
	say "'$cmd' exit $rc (full output: $log.$(echo "$cmd" | awk '{print $NF}'))"
	[ $rc -eq 0 ] || status=1
done
[ $status -eq 0 ] && say "the README's two commands pass on a fresh Debian 12" ||
	say "the README's commands FAIL on a fresh Debian 12"
exit $status
