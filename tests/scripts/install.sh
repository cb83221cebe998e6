# install.sh: `make install PREFIX=...` puts the binary, man page, headers,
# static library and pkg-config file in place, and a program can be built
# against the installed library with pkg-config alone.
. tests/lib.sh
prefix="$T_TMP/prefix"
# a plain (non-sanitizer) install even when make check runs with SAN=1
if env -u MAKEFLAGS -u MAKELEVEL -u SAN -u BUILD make -s install PREFIX="$prefix" >"$T_TMP/install.log" 2>&1; then ok; else not_ok "make install"; cat "$T_TMP/install.log"; fi
for f in bin/spacelock share/man/man1/spacelock.1 include/spacelock/error.h include/spacelock/version.h \
	lib/libspacelock.a lib/pkgconfig/spacelock.pc; do
	check "installed $f" test -f "$prefix/$f"
done
check "installed binary runs" sh -c "'$prefix/bin/spacelock' --version | grep -q '^spacelock '"
cat >"$T_TMP/use.c" <<'C'
#include <spacelock/version.h>
#include <stdio.h>
int main(void)
{
	int c = 0;
	struct sl_err err;
	if (sl_version_compare_str("1.0", "1.0.0", &c, &err) != 0)
		return 1;
	printf("%d\n", c);
	return 0;
}
C
PKG_CONFIG_PATH="$prefix/lib/pkgconfig" pkg-config --cflags --libs spacelock >"$T_TMP/flags" 2>&1 || not_ok "pkg-config spacelock"
if cc -o "$T_TMP/use" "$T_TMP/use.c" $(cat "$T_TMP/flags") -lm 2>"$T_TMP/cc.log"; then
	check "program built against the installed library runs" sh -c "'$T_TMP/use' | grep -qx 0"
else
	not_ok "compile against installed library"; cat "$T_TMP/cc.log"
fi
finish
