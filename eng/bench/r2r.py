#!/usr/bin/env python3
"""Says which managed assemblies are ReadyToRun images: `eng/bench/r2r.py <file-or-folder>...`.

The benchmarks print it for the tasks folder of the restored Strata.Sdk package, because a package packed without
the ReadyToRun step still works but JIT-compiles everything in every build. A file counts as ReadyToRun when its CLI
header points at a ManagedNativeHeader starting with the 'RTR' signature (IL-only assemblies have none).
"""
import os
import struct
import sys


def is_ready_to_run(path):
    data = open(path, "rb").read()
    pe = struct.unpack_from("<I", data, 0x3C)[0]
    sections = struct.unpack_from("<H", data, pe + 6)[0]
    optional_size = struct.unpack_from("<H", data, pe + 20)[0]
    magic = struct.unpack_from("<H", data, pe + 24)[0]
    directories = pe + 24 + (96 if magic == 0x10B else 112)
    cli_rva, cli_size = struct.unpack_from("<II", data, directories + 14 * 8)
    if cli_size == 0:
        return None  # not a managed assembly

    def offset(rva):
        table = pe + 24 + optional_size
        for i in range(sections):
            virtual_size, virtual_address, raw_size, raw_pointer = struct.unpack_from("<IIII", data, table + i * 40 + 8)
            if virtual_address <= rva < virtual_address + max(virtual_size, raw_size):
                return rva - virtual_address + raw_pointer
        raise ValueError("RVA outside every section")

    header = offset(cli_rva)
    native_rva, native_size = struct.unpack_from("<II", data, header + 64)  # ManagedNativeHeader
    return native_size > 0 and data[offset(native_rva):offset(native_rva) + 4] == b"RTR\0"


def main(paths):
    files = []
    for path in paths:
        files += sorted(os.path.join(path, f) for f in os.listdir(path) if f.endswith(".dll")) if os.path.isdir(path) else [path]
    for file in files:
        try:
            kind = is_ready_to_run(file)
        except (OSError, ValueError, struct.error) as error:
            kind = f"unreadable ({error})"
        print(f"{'ReadyToRun' if kind is True else 'IL only' if kind is False else kind or 'not managed':<12} {os.path.basename(file)}")


if __name__ == "__main__":
    main(sys.argv[1:])
