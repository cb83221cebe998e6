import spaces
import torch
import gradio as gr
from diffusers import AutoPipelineForText2Image

pipe = AutoPipelineForText2Image.from_pretrained("stabilityai/sd-turbo", torch_dtype=torch.float16)
pipe.to("cuda")


@spaces.GPU(duration=20)
def generate(prompt):
    return pipe(prompt, num_inference_steps=1, guidance_scale=0.0).images[0]


gr.Interface(generate, "text", "image").launch()
