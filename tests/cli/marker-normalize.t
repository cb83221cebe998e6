# normalize prints packaging's str(Marker): single spaces, double quotes, normalised extras
@@ args
marker normalize "(python_version=='3.10' and (extra=='Foo_Bar' or os_name!=\"nt\"))"
@@ exit
0
@@ stdout
python_version == "3.10" and (extra == "foo-bar" or os_name != "nt")
@@ stderr
