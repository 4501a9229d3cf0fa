"""newsbot's tests, mirroring the source tree."""
