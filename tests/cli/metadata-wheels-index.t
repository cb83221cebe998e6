A folder of wheels and sdists indexed by canonical name and version.
@@ args
metadata --wheels fixtures/archives
@@ exit
0
@@ stdout
bigbody 1.0 wheel bigbody-1.0-py3-none-any.whl
deep 1.0 sdist deep-1.0.tar.gz
dot 1.0 sdist dot-1.0.tar.gz
escape 1.0 sdist escape-1.0.tar.gz
huge 1.0 wheel huge-1.0-py3-none-any.whl
link 1.0 wheel link-1.0-py3-none-any.whl
notzip 1.0 wheel notzip-1.0-py3-none-any.whl
nover 1.0 wheel nover-1.0-py3-none-any.whl
outcome 1.3.0.post0 wheel outcome-1.3.0.post0-py3-none-any.whl
rfc3339-validator 0.1.4 wheel rfc3339_validator-0.1.4-py3-none-any.whl
six 1.17.0 wheel six-1.17.0-py3-none-any.whl
tinyvcs 0.3.1 sdist tinyvcs-0.3.1.tar.gz
tinyvcs 0.3.1 sdist tinyvcs-0.3.1.zip
tricks 1.0 wheel tricks-1.0-py3-none-any.whl
truncated 1.0 wheel truncated-1.0-py3-none-any.whl
typing-inspect 0.9.0 wheel typing_inspect-0.9.0-py3-none-any.whl
@@ stderr
