"""The embedded default AWS account: a local emulator (moto in server mode, real HTTP on
loopback) with fidelity fixes, and the scenario of a hand-built production account."""
