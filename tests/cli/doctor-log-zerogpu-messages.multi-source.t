spacelock doctor: classify the real log zerogpu-messages.multi-source.log (golden; bucket and steps)
@@ args
doctor --json --log fixtures/logs/zerogpu-messages.multi-source.log
@@ exit
1
@@ stdout
{"space":null,
"findings":[
  {"id":"log-failure","severity":"error","file":"fixtures/logs/zerogpu-messages.multi-source.log","line":2,"message":"cuda-init: something touched CUDA before import spaces, so ZeroGPU cannot run the GPU functions in its worker: RuntimeError: CUDA has been initialized before importing the `spaces` package","fix":"put import spaces above torch and every package that touches CUDA"}
],
"logs":["fixtures/logs/zerogpu-messages.multi-source.log"],
"bucket":"cuda-init","cause":{"rule":"zerogpu-cuda-initialized","file":"fixtures/logs/zerogpu-messages.multi-source.log","line":2,"text":"RuntimeError: CUDA has been initialized before importing the `spaces` package","explain":"something touched CUDA before import spaces, so ZeroGPU cannot run the GPU functions in its worker","source":"https://github.com/huggingface/autotrain-advanced/issues/727"},"steps":["put import spaces above torch and every package that touches CUDA","remove CUDA calls at import time (torch.cuda.is_available(), .cuda(), .to(\"cuda\") at module level before import spaces); do GPU work inside @spaces.GPU functions","restart the Space"],"also":[{"bucket":"no-cuda","rule":"torch-no-cuda-gpus","file":"fixtures/logs/zerogpu-messages.multi-source.log","line":6},{"bucket":"zerogpu-worker","rule":"zerogpu-worker-error","file":"fixtures/logs/zerogpu-messages.multi-source.log","line":9},{"bucket":"illegal-duration","rule":"zerogpu-illegal-duration","file":"fixtures/logs/zerogpu-messages.multi-source.log","line":16}],
"quota":{"as_of":null,"daily_seconds":{},"functions":[]},
"secrets_read":[],
"errors":1,"warnings":0,"notes":0}
@@ stderr
