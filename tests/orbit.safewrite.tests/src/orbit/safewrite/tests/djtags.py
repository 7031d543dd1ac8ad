# Plants artwork and DJ applications' frames the way Serato and Traktor store them, and reads them
# back, with mutagen and the standard library only: apart from ORBIT's own parsers.
#   djtags.py plant FILE COVER   writes text tags, a picture, Serato's tags and Traktor's tree
#   djtags.py read FILE          prints "text<TAB>key<TAB>value", "pic<TAB>type<TAB>mime<TAB>desc<TAB>
#                                width<TAB>height<TAB>hex", "dj<TAB>name<TAB>hex", "form<TAB>name<TAB>detail"
import base64, struct, sys
import mutagen
from mutagen.flac import Picture

ENVELOPE = b'application/octet-stream\x00\x00'

def payloads():
    inner = (b'\x01\x01' + b'COLOR\x00' + struct.pack('>I', 4) + b'\x00\xff\x99\xff'
             + b'CUE\x00' + struct.pack('>I', 17) + b'\x00\x00' + struct.pack('>I', 1000) + b'\x00\xcc\x00\x00\x00\x00Drop\x00'
             + b'BPMLOCK\x00' + struct.pack('>I', 1) + b'\x00' + b'\x00')
    markers2 = b'\x01\x01' + base64.b64encode(inner).rstrip(b'=')
    markers2 += b'\x00' * (470 - len(markers2))
    return {
        'Serato Analysis': b'\x02\x01',
        'Serato Autotags': b'\x01\x01128.00\x00-3.257\x000.000\x00',
        'Serato BeatGrid': b'\x01\x00' + struct.pack('>I', 1) + struct.pack('>f', 0.05) + struct.pack('>f', 128.0) + b'\x00',
        'Serato Markers2': markers2,
        'Serato Overview': b'\x01\x05' + bytes((i * 7) & 0xff for i in range(240 * 16)),
        'Serato Markers_': b'\x02\x05' + struct.pack('>I', 1) + b'\x00\x00\x00\x00\x00' + b'\x7f' * 17 + b'\x01\x00' + b'\x07\x7f\x7f\x7f',
        'Serato Offsets_': b'\x01\x02' + bytes(range(64)),
    }

FLAC_NAMES = {'Serato Analysis': 'SERATO_ANALYSIS', 'Serato Autotags': 'SERATO_AUTOGAIN',
              'Serato BeatGrid': 'SERATO_BEATGRID', 'Serato Markers2': 'SERATO_MARKERS_V2',
              'Serato Overview': 'SERATO_OVERVIEW'}
MP4_NAMES = {'Serato Analysis': 'analysisVersion', 'Serato Autotags': 'autgain', 'Serato BeatGrid': 'beatgrid',
             'Serato Markers2': 'markersv2', 'Serato Overview': 'overview', 'Serato Markers_': 'markers'}
TRAKTOR = b'TRMD' + struct.pack('<II', 16, 1) + b'DMTH' + struct.pack('<II', 4, 0) + b'\x01\x02\x03\x04'

def serato_b64(name, payload):
    # As Serato writes FLAC comments: base64 without padding, a line feed after every 72 characters.
    text = base64.b64encode(ENVELOPE + name.encode() + b'\x00' + payload).rstrip(b'=').decode()
    return '\n'.join(text[i:i + 72] for i in range(0, len(text), 72))

def unenvelope(value):
    text = ''.join(value.split()).rstrip('=')
    if len(text) % 4 == 1:
        text = text[:-1]
    data = base64.b64decode(text + '=' * (-len(text) % 4))
    assert data.startswith(ENVELOPE), data[:40]
    name, payload = data[len(ENVELOPE):].split(b'\x00', 1)
    return name.decode(), payload

def plant(path, cover):
    image = open(cover, 'rb').read()
    f = mutagen.File(path)
    ext = path.rsplit('.', 1)[1]
    if ext == 'mp3':
        from mutagen.id3 import ID3, TIT2, TPE1, TALB, TBPM, TKEY, COMM, TSRC, APIC, GEOB, PRIV, Encoding
        if f.tags is None:
            f.add_tags()
        t = f.tags
        for frame in (TIT2(encoding=Encoding.UTF16, text='Strobe \u2713'), TPE1(encoding=Encoding.LATIN1, text='deadmau5'),
                      TALB(encoding=Encoding.LATIN1, text='For Lack of a Better Name'), TBPM(encoding=Encoding.LATIN1, text='128'),
                      TKEY(encoding=Encoding.LATIN1, text='8A'), COMM(encoding=Encoding.LATIN1, lang='eng', desc='', text='checked by ear'),
                      TSRC(encoding=Encoding.LATIN1, text='CAN110900123'),
                      APIC(encoding=Encoding.UTF16, mime='image/png', type=3, desc='Front \u2713', data=image)):
            t.add(frame)
        for name, payload in payloads().items():
            t.add(GEOB(encoding=Encoding.LATIN1, mime='application/octet-stream', filename='', desc=name, data=payload))
        t.add(PRIV(owner='TRAKTOR4', data=TRAKTOR))
        f.save(v2_version=3)
    elif ext == 'flac':
        f['TITLE'] = 'Strobe \u2713'
        f['ARTIST'] = 'deadmau5'
        f['ALBUM'] = 'For Lack of a Better Name'
        f['BPM'] = '128'
        f['INITIALKEY'] = '8A'
        f['COMMENT'] = 'checked by ear'
        f['ISRC'] = 'CAN110900123'
        for name, payload in payloads().items():
            if name in FLAC_NAMES:
                f[FLAC_NAMES[name]] = serato_b64(name, payload)
        f['TRAKTOR4'] = 'basE91-armoured tree, as Traktor writes it'
        p = Picture()
        width, height = struct.unpack('>II', image[16:24])
        p.type, p.mime, p.desc, p.width, p.height, p.depth, p.colors, p.data = 3, 'image/png', 'Front \u2713', width, height, 24, 0, image
        f.add_picture(p)
        f.save()
    else:
        raise SystemExit('cannot plant in ' + path)

def read(path):
    f = mutagen.File(path)
    out = []
    def pic(p):
        out.append('pic\t%d\t%s\t%s\t%d\t%d\t%s' % (p.type, p.mime, p.desc, p.width, p.height, p.data.hex()))
    ext = path.rsplit('.', 1)[1]
    tags = f.tags or {}
    if ext in ('mp3', 'aiff', 'wav'):
        for key in ('TIT2', 'TPE1', 'TALB', 'TBPM', 'TKEY', 'TSRC'):
            if key in tags:
                out.append('text\t%s\t%s' % (key, tags[key].text[0]))
        for frame in tags.getall('COMM'):
            if frame.desc == '':
                out.append('text\tCOMM\t%s' % frame.text[0])
        for frame in tags.getall('APIC'):
            out.append('pic\t%d\t%s\t%s\t0\t0\t%s' % (frame.type, frame.mime, frame.desc, frame.data.hex()))
        for frame in tags.getall('GEOB'):
            out.append('dj\t%s\t%s' % (frame.desc, frame.data.hex()))
            out.append('form\t%s\t%s|%s|%d' % (frame.desc, frame.mime, frame.filename, frame.encoding))
        for frame in tags.getall('PRIV'):
            out.append('dj\tPRIV:%s\t%s' % (frame.owner, frame.data.hex()))
    elif ext in ('flac', 'ogg', 'opus'):
        for key in ('title', 'artist', 'album', 'bpm', 'initialkey', 'comment', 'isrc'):
            if key in tags:
                out.append('text\t%s\t%s' % (key, tags[key][0]))
        if ext == 'flac':
            for p in f.pictures:
                pic(p)
        for value in tags.get('metadata_block_picture', []):
            pic(Picture(base64.b64decode(value)))
        for key, values in tags.items() if hasattr(tags, 'items') else []:
            value = values[0]
            if key.upper().startswith('SERATO_'):
                name, payload = unenvelope(value)
                out.append('dj\t%s\t%s' % (name, payload.hex()))
                longest = max(len(line) for line in value.split('\n'))
                out.append('form\t%s\t%s|%d|%s' % (name, key.upper(), longest, '=' in value))
            elif key.upper() == 'TRAKTOR4':
                out.append('dj\tTRAKTOR4\t%s' % value.encode().hex())
    elif ext == 'm4a':
        for key in ('\xa9nam', '\xa9ART', '\xa9alb', '\xa9cmt', 'tmpo'):
            if key in tags:
                out.append('text\t%s\t%s' % (key, tags[key][0]))
        for cover in tags.get('covr', []):
            mime = {13: 'image/jpeg', 14: 'image/png'}.get(cover.imageformat, '?')
            out.append('pic\t3\t%s\t\t0\t0\t%s' % (mime, bytes(cover).hex()))
        for key, values in tags.items():
            if key.startswith('----:com.serato.dj:'):
                name, payload = unenvelope(bytes(values[0]).decode())
                out.append('dj\t%s\t%s' % (name, payload.hex()))
                out.append('form\t%s\t%s' % (name, key))
            elif key.startswith('----:'):
                out.append('text\t%s\t%s' % (key, bytes(values[0]).decode()))
    print('\n'.join(out))

if sys.argv[1] == 'plant':
    plant(sys.argv[2], sys.argv[3])
elif sys.argv[1] == 'payloads':
    for name, payload in payloads().items():
        print('dj\t%s\t%s' % (name, payload.hex()))
    print('dj\tPRIV:TRAKTOR4\t%s' % TRAKTOR.hex())
else:
    read(sys.argv[2])
