spacelock doctor: the clean ZeroGPU test Space: no finding, its quota explained
@@ args
doctor fixtures/doctor/clean-zerogpu
@@ exit
0
@@ stdout

ZeroGPU quota (daily quotas as of 2026-08-22, data/zerogpu-quota.txt):
  generate (app.py:10): requests 20 s a call; calls a day: anonymous 6, free 15, pro 120, team 120, enterprise 180
  The requested duration, not the time a call really takes, is checked against the
  visitor's remaining quota.

0 errors, 0 warnings, 0 notes
@@ stderr
