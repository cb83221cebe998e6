from datetime import timedelta

import spaces
import gradio as gr

LONG = 120


def get_duration(prompt, steps):
    if steps > 30:
        return 90
    return 30 if steps < 10 else 60


@spaces.GPU
def caption(image):
    return "a picture"


@spaces.GPU(duration=LONG)
def upscale(image):
    return image


@spaces.GPU(duration=get_duration)
def generate(prompt, steps):
    return prompt


@spaces.GPU(
    duration=timedelta(seconds=45),
    size="xlarge",
)
def big(prompt):
    return prompt


with gr.Blocks() as demo:
    gr.Button("caption").click(caption)
demo.launch()
