spacelock doctor: several @spaces.GPU functions, a constant, a callable and a timedelta duration, size="xlarge"
@@ args
doctor --json fixtures/doctor/quota-app
@@ exit
0
@@ stdout
{"space":null,
"findings":[],
"logs":[],
"bucket":null,"cause":null,"steps":[],"also":[],
"quota":{"as_of":"2026-08-22","daily_seconds":{"anonymous":120,"free":300,"pro":2400,"team":2400,"enterprise":3600},"functions":[
  {"function":"caption","file":"app.py","line":15,"duration":null,"callable":false,"seconds":60,"min_seconds":60,"factor":1,"calls_per_day":{"anonymous":2,"free":5,"pro":40,"team":40,"enterprise":60}},
  {"function":"upscale","file":"app.py","line":20,"duration":"LONG","callable":false,"seconds":120,"min_seconds":120,"factor":1,"calls_per_day":{"anonymous":1,"free":2,"pro":20,"team":20,"enterprise":30}},
  {"function":"generate","file":"app.py","line":25,"duration":"get_duration","callable":true,"seconds":90,"min_seconds":30,"factor":1,"calls_per_day":{"anonymous":1,"free":3,"pro":26,"team":26,"enterprise":40}},
  {"function":"big","file":"app.py","line":30,"duration":"timedelta(seconds=45)","callable":false,"seconds":45,"min_seconds":45,"factor":2,"calls_per_day":{"anonymous":1,"free":3,"pro":26,"team":26,"enterprise":40}}
]},
"secrets_read":[],
"errors":0,"warnings":0,"notes":0}
@@ stderr
