"""Pictures for the upload tests and tests/benchmarks/bench_uploads.py, made in memory.

`png_bomb()` is the file of issue #8 point 23: a 6300 x 6300 RGB PNG of about 115 KB (one
colour compresses almost to nothing) that would take 119 MB, and seconds, to decode. It is
written chunk by chunk, never decoded nor held as pixels, so that making it costs nothing.
"""

import io
import struct
import zlib

from PIL import Image


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png_bomb(width: int = 6300, height: int = 6300) -> bytes:
    """A valid, black, RGB PNG of `width` x `height` pixels, compressed to a few hundred KB."""
    compressor = zlib.compressobj(9)
    row = b"\0" * (1 + 3 * width)  # filter byte "none", then black pixels
    rows = 64
    block = row * rows
    parts = []
    for _ in range(height // rows):
        parts.append(compressor.compress(block))
    parts.append(compressor.compress(row * (height % rows)))
    parts.append(compressor.flush())
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)  # 8 bits, RGB
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", b"".join(parts))
        + _chunk(b"IEND", b"")
    )


def phone_jpeg(width: int = 4000, height: int = 3000) -> bytes:
    """A 12-megapixel JPEG with some detail, as a phone takes them (about 1 to 3 MB)."""
    image = Image.linear_gradient("L").resize((width, height)).convert("RGB")
    image.paste((180, 40, 40), (width // 4, height // 4, width // 2, height // 2))
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=90)
    return buffer.getvalue()
