"""The embedded default AWS account, beside the importer (never inside it): a local emulator (moto
in server mode, real HTTP on loopback) with fidelity fixes (``fidelity/``), the scenario of a
hand-built production account (``scenario/``), and ``python -m emulator`` to run both. It depends
on ``importer`` and ``stacks``; neither depends on it, and a user who runs the importer against
real AWS needs none of it."""
