# Two state_dicts of the same small model (LSTM 2->4, Linear 4->1) with different weights, saved the same way, so the
# files have the same size: the package test replaces one with the other under the same modification time and checks
# that the build bakes the new one. Expected outputs come from PyTorch: one step from the zero state on input
# [0.5, -0.25]. Run with Debian's python3 (torch 1.13): /usr/bin/python3 make_replaced.py
import json, os, torch

class Net(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.rnn = torch.nn.LSTM(2, 4, batch_first=True)
        self.head = torch.nn.Linear(4, 1)

    def forward(self, x):
        y, _ = self.rnn(x)
        return self.head(y)

expected = {}
for name, seed in (("a", 1), ("b", 2)):
    torch.manual_seed(seed)
    net = Net().eval()
    os.makedirs(name, exist_ok=True)
    torch.save(net.state_dict(), os.path.join(name, "model.pt"))
    with torch.no_grad():
        expected[name] = float(net(torch.tensor([[[0.5, -0.25]]]))[0, 0, 0])
with open("expected.json", "w") as f:
    json.dump(expected, f, indent=1)
print(expected, os.path.getsize("a/model.pt"), os.path.getsize("b/model.pt"))
