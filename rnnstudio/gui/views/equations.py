"""Each cell's update equations, as rich text for the Model page (symbols: h_t, x_t, W_hh, gates)."""
from __future__ import annotations

EQUATIONS = {
    "rnn_tanh": "h<sub>t</sub> = tanh(W<sub>hh</sub>·h<sub>t−1</sub> + W<sub>xh</sub>·x<sub>t</sub> + b<sub>h</sub>)<br>"
                "y<sub>t</sub> = softmax(W<sub>hy</sub>·h<sub>t</sub> + b<sub>y</sub>)",
    "rnn_relu": "h<sub>t</sub> = ReLU(W<sub>hh</sub>·h<sub>t−1</sub> + W<sub>xh</sub>·x<sub>t</sub> + b<sub>h</sub>)<br>"
                "y<sub>t</sub> = softmax(W<sub>hy</sub>·h<sub>t</sub> + b<sub>y</sub>)",
    "lstm": "i<sub>t</sub> = σ(W<sub>xi</sub>x<sub>t</sub> + W<sub>hi</sub>h<sub>t−1</sub> + b<sub>i</sub>), "
            "f<sub>t</sub> = σ(W<sub>xf</sub>x<sub>t</sub> + W<sub>hf</sub>h<sub>t−1</sub> + b<sub>f</sub>)<br>"
            "g<sub>t</sub> = tanh(W<sub>xg</sub>x<sub>t</sub> + W<sub>hg</sub>h<sub>t−1</sub> + b<sub>g</sub>), "
            "o<sub>t</sub> = σ(W<sub>xo</sub>x<sub>t</sub> + W<sub>ho</sub>h<sub>t−1</sub> + b<sub>o</sub>)<br>"
            "c<sub>t</sub> = f<sub>t</sub> ⊙ c<sub>t−1</sub> + i<sub>t</sub> ⊙ g<sub>t</sub>, "
            "h<sub>t</sub> = o<sub>t</sub> ⊙ tanh(c<sub>t</sub>)<br>"
            "y<sub>t</sub> = softmax(W<sub>hy</sub>·h<sub>t</sub> + b<sub>y</sub>)",
    "gru": "r<sub>t</sub> = σ(W<sub>xr</sub>x<sub>t</sub> + W<sub>hr</sub>h<sub>t−1</sub> + b<sub>r</sub>), "
           "z<sub>t</sub> = σ(W<sub>xz</sub>x<sub>t</sub> + W<sub>hz</sub>h<sub>t−1</sub> + b<sub>z</sub>)<br>"
           "n<sub>t</sub> = tanh(W<sub>xn</sub>x<sub>t</sub> + r<sub>t</sub> ⊙ (W<sub>hn</sub>h<sub>t−1</sub> + b<sub>hn</sub>) + b<sub>n</sub>)<br>"
           "h<sub>t</sub> = (1 − z<sub>t</sub>) ⊙ n<sub>t</sub> + z<sub>t</sub> ⊙ h<sub>t−1</sub><br>"
           "y<sub>t</sub> = softmax(W<sub>hy</sub>·h<sub>t</sub> + b<sub>y</sub>)",
}
