pip freeze's spelling for VCS installs; editable installs keep name==version.
@@ args
metadata --scan fixtures/site-packages/direct
@@ exit
0
@@ stdout
Tiny.Local==1.0.dev3
tinyvcs @ git+file:///tmp/mdwork/repo@04a31e9c631d1b5dfa102d49dbdf43ea6c328376
@@ stderr
