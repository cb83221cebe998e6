A real dist-info (requests, copied from this machine): core metadata as text.
@@ args
metadata fixtures/site-packages/real/requests-2.34.2.dist-info
@@ exit
0
@@ stdout
Metadata-Version: 2.4
Name: requests
Version: 2.34.2
Requires-Python: >=3.10
Requires-Dist: charset_normalizer<4,>=2
Requires-Dist: idna<4,>=2.5
Requires-Dist: urllib3<3,>=1.26
Requires-Dist: certifi>=2023.5.7
Requires-Dist: PySocks!=1.5.7,>=1.5.6; extra == "socks"
Requires-Dist: chardet<8,>=3.0.2; extra == "use-chardet-on-py3"
Provides-Extra: security
Provides-Extra: socks
Provides-Extra: use-chardet-on-py3
@@ stderr
