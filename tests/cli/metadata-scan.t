A site-packages scan prints name==version as pip freeze spells it, sorted by canonical name.
@@ args
metadata --scan fixtures/site-packages/real
@@ exit
0
@@ stdout
cryptography==38.0.4
jsonschema==4.26.0
PyJWT==2.6.0
python-dateutil==2.9.0.post0
requests==2.34.2
six==1.17.0
typing_extensions==4.15.0
wsgiref==0.1.2
yq==3.1.0
@@ stderr
