A site-packages folder that does not exist: bad input, exit 3, as in every
verb (it was 7, the Hub's "not found").
@@ args
metadata --json --scan no/such/site-packages
@@ exit
3
@@ stdout
{"error":{"message":"cannot list 'no/such/site-packages': No such file or directory","kind":"not_found","exit":3}}
@@ stderr
spacelock: error: cannot list 'no/such/site-packages': No such file or directory
