# Prints every tag field of an audio file as stored, one per line: "raw<TAB>location<TAB>name<TAB>hex",
# then mutagen's reading of the tags: "tag<TAB>key<TAB>value". Written apart from ORBIT's own parsers
# so that the tests do not check ORBIT's writing with ORBIT's reading.
import sys, struct
path = sys.argv[1]
data = open(path, 'rb').read()
out = []
def emit(loc, name, raw):
    out.append(f"raw\t{loc}\t{name}\t{raw.hex()}")
def ss(b):
    return (b[0] & 0x7f) << 21 | (b[1] & 0x7f) << 14 | (b[2] & 0x7f) << 7 | (b[3] & 0x7f)
def id3(b, loc):
    if b[:3] != b'ID3':
        return
    major, flags = b[3], b[5]
    body = b[10:10 + ss(b[6:10])]
    if major < 4 and flags & 0x80:
        body = body.replace(b'\xff\x00', b'\xff')
    pos = 0
    if flags & 0x40 and major == 3:
        pos = 4 + struct.unpack('>I', body[:4])[0]
    elif flags & 0x40 and major == 4:
        pos = ss(body[:4])
    hl, il = (6, 3) if major == 2 else (10, 4)
    while pos + hl <= len(body) and body[pos] != 0:
        fid = body[pos:pos + il].decode('latin1')
        if major == 2:
            n = int.from_bytes(body[pos + 3:pos + 6], 'big')
        elif major == 3:
            n = struct.unpack('>I', body[pos + 4:pos + 8])[0]
        else:
            n = ss(body[pos + 4:pos + 8])
        emit(loc, fid, body[pos:pos + hl + n])
        pos += hl + n
def comments(b, loc):
    n = struct.unpack('<I', b[:4])[0]
    emit(loc, 'vendor', b[4:4 + n])
    pos = 4 + n
    count = struct.unpack('<I', b[pos:pos + 4])[0]
    pos += 4
    for _ in range(count):
        n = struct.unpack('<I', b[pos:pos + 4])[0]
        c = b[pos + 4:pos + 4 + n]
        emit(loc, c.split(b'=', 1)[0].decode('ascii'), c)
        pos += 4 + n
    return pos
def flac(b):
    pos = 0
    if b[:3] == b'ID3':
        pos = 10 + ss(b[6:10])
    assert b[pos:pos + 4] == b'fLaC'
    pos += 4
    last = False
    while not last:
        last = b[pos] & 0x80
        t = b[pos] & 0x7f
        n = int.from_bytes(b[pos + 1:pos + 4], 'big')
        content = b[pos + 4:pos + 4 + n]
        if t == 4:
            comments(content, 'vorbis')
        elif t not in (0, 1):
            emit('FLAC', 'block%d' % t, content)
        pos += 4 + n
def ogg(b):
    pos, packets, cur, serial = 0, [], b'', None
    while len(packets) < 2:
        assert b[pos:pos + 4] == b'OggS'
        nseg = b[pos + 26]
        s = struct.unpack('<I', b[pos + 14:pos + 18])[0]
        serial = s if serial is None else serial
        lacing = b[pos + 27:pos + 27 + nseg]
        body = pos + 27 + nseg
        for l in lacing:
            cur += b[body:body + l]
            body += l
            if l < 255:
                packets.append(cur)
                cur = b''
        pos = body
    p = packets[1]
    magic = 7 if p[:1] == b'\x03' else 8
    end = comments(p[magic:], 'vorbis')
    emit('vorbis', 'after the comments', p[magic + end:])
def boxes(b, start, end):
    pos = start
    while pos + 8 <= end:
        size, typ = struct.unpack('>I4s', b[pos:pos + 8])
        hdr = 8
        if size == 1:
            size = struct.unpack('>Q', b[pos + 8:pos + 16])[0]
            hdr = 16
        elif size == 0:
            size = end - pos
        yield typ.decode('latin1'), pos, pos + hdr, pos + size
        pos += size
def child(b, start, end, name):
    for typ, p, c, e in boxes(b, start, end):
        if typ == name:
            return p, c, e
def mp4(b):
    moov = child(b, 0, len(b), 'moov')
    udta = moov and child(b, moov[1], moov[2], 'udta')
    meta = udta and child(b, udta[1], udta[2], 'meta')
    if not meta:
        return
    start = meta[1] if b[meta[1] + 4:meta[1] + 8] == b'hdlr' else meta[1] + 4
    ilst = child(b, start, meta[2], 'ilst')
    if not ilst:
        return
    for typ, p, c, e in boxes(b, ilst[1], ilst[2]):
        name = typ
        if typ == '----':
            parts = {t: b[cc + 4:ee].decode('utf8') for t, pp, cc, ee in boxes(b, c, e) if t in ('mean', 'name')}
            name = '----:%s:%s' % (parts.get('mean'), parts.get('name'))
        emit('ilst', name, b[p:e])
def chunks(b, big):
    fmt = '>I' if big else '<I'
    end = min(len(b), 8 + struct.unpack(fmt, b[4:8])[0])
    pos = 12
    while pos + 8 <= end:
        cid = b[pos:pos + 4].decode('latin1')
        n = struct.unpack(fmt, b[pos + 4:pos + 8])[0]
        content = b[pos + 8:pos + 8 + n]
        if cid.lower() == 'id3 ':
            id3(content, 'ID3v2')
        elif cid == 'LIST' and content[:4] == b'INFO':
            q = 4
            while q + 8 <= len(content):
                sid = content[q:q + 4].decode('latin1')
                m = struct.unpack('<I', content[q + 4:q + 8])[0]
                emit('INFO', sid, content[q + 8:q + 8 + m])
                q += 8 + m + (m & 1)
        elif big and cid in ('NAME', 'AUTH', 'ANNO', '(c) '):
            emit('AIFF', cid, content)
        pos += 8 + n + (n & 1)
ext = path.rsplit('.', 1)[1].lower()
if ext == 'mp3':
    id3(data, 'ID3v2')
elif ext == 'flac':
    flac(data)
elif ext in ('ogg', 'opus'):
    ogg(data)
elif ext == 'm4a':
    mp4(data)
elif ext == 'wav':
    chunks(data, False)
elif ext in ('aiff', 'aif'):
    chunks(data, True)
import mutagen
def val(v):
    if hasattr(v, 'text'):
        v = v.text
    if isinstance(v, (list, tuple)):
        return '|'.join(val(x) for x in v)
    if isinstance(v, bytes):
        return v.decode('utf8', 'replace')
    return str(v)
def printable(s):
    return ''.join(c if ord(c) >= 32 else '\\x%02x' % ord(c) for c in s)
m = mutagen.File(path)
if m is not None and m.tags is not None:
    for k, v in sorted(m.tags.items(), key=lambda kv: kv[0]):
        out.append('tag\t%s\t%s' % (k, printable(val(v))))
print('\n'.join(out))
