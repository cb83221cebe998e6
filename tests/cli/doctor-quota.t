spacelock doctor: the quota explanation as text
@@ args
doctor fixtures/doctor/quota-app
@@ exit
0
@@ stdout

ZeroGPU quota (daily quotas as of 2026-08-22, data/zerogpu-quota.txt):
  caption (app.py:15): requests 60 s a call (the default); calls a day: anonymous 2, free 5, pro 40, team 40, enterprise 60
  upscale (app.py:20): requests 120 s a call; calls a day: anonymous 1, free 2, pro 20, team 20, enterprise 30
  generate (app.py:25): requests what get_duration returns, 30 to 90 s a call; calls a day: anonymous 1 to 4, free 3 to 10, pro 26 to 80, team 26 to 80, enterprise 40 to 120
  big (app.py:30): requests 45 s a call, counted 2 times (size="xlarge"); calls a day: anonymous 1, free 3, pro 26, team 26, enterprise 40
  The requested duration, not the time a call really takes, is checked against the
  visitor's remaining quota.

0 errors, 0 warnings, 0 notes
@@ stderr
