"""Reading text in many encodings, rejecting bad input, vocabularies, batches."""
from __future__ import annotations

import math
import zipfile

import numpy as np
import pytest
import torch

from rnnstudio.core.data.corpus import Corpus, Streams, load_corpus, unigram_entropy
from rnnstudio.core.errors import (BinaryFile, CorpusNotFound, CorpusTooShort, EmptyCorpus, NoTextFiles,
                                   TooFewSymbols, UndecodableByte, UnknownEncoding, UnknownSymbols)
from rnnstudio.core.data.textfile import read_text
from rnnstudio.core.data.tokenizer import UNK_TEXT, Tokenizer


def _big5_safe(text: str) -> str:
    """Poems whose every character exists in Big5 (a few rare ones do not)."""
    keep = []
    for poem in text.split("\n\n"):
        try:
            poem.encode("big5")
        except UnicodeEncodeError:
            continue
        keep.append(poem)
    return "\n\n".join(keep)


@pytest.mark.parametrize("encoding,expected", [
    ("utf-8", "utf-8"),
    ("utf-8-sig", "utf-8 (with BOM)"),
    ("utf-16", "utf-16-le"),       # Python writes a little-endian BOM
    ("utf-16-be-bom", "utf-16-be"),
    ("gb18030", "gb18030"),
    ("big5", "big5"),
])
def test_chinese_round_trips_through_encodings(tmp_path, tang_text, encoding, expected):
    text = _big5_safe(tang_text[:20000])
    assert len(text) > 2000
    path = tmp_path / "poems.txt"
    if encoding == "utf-16-be-bom":
        path.write_bytes(b"\xfe\xff" + text.encode("utf-16-be"))
    else:
        path.write_bytes(text.encode(encoding))
    src = read_text(path)
    assert src.text == text
    assert src.encoding == expected


def test_gbk_simplified_chinese_is_read_as_gb18030(tmp_path):
    text = "床前明月光，疑是地上霜。举头望明月，低头思故乡。\n" * 40 + "春眠不觉晓，处处闻啼鸟。\n" * 20
    path = tmp_path / "gbk.txt"
    path.write_bytes(text.encode("gbk"))
    src = read_text(path)
    assert src.text == text
    assert src.encoding == "gb18030"


def test_shift_jis_and_windows_1252(tmp_path):
    ja = "吾輩は猫である。名前はまだ無い。どこで生れたかとんと見当がつかぬ。\n" * 30
    (tmp_path / "ja.txt").write_bytes(ja.encode("shift_jis"))
    assert read_text(tmp_path / "ja.txt").text == ja
    fr = "Où est la bibliothèque ? « Déjà vu », naïve café, façade – l’été.\n" * 30
    (tmp_path / "fr.txt").write_bytes(fr.encode("cp1252"))
    assert read_text(tmp_path / "fr.txt").text == fr


def test_bomless_utf16_is_recognised(tmp_path):
    text = "Plain English text written as UTF-16 without a byte-order mark.\n" * 20
    (tmp_path / "u16.txt").write_bytes(text.encode("utf-16-le"))
    src = read_text(tmp_path / "u16.txt")
    assert src.text == text and src.encoding == "utf-16-le"


def test_explicit_encoding_overrides_detection(tmp_path):
    raw = "naïve café\n".encode("latin-1")
    (tmp_path / "a.txt").write_bytes(raw)
    assert read_text(tmp_path / "a.txt", encoding="latin-1").text == "naïve café\n"
    with pytest.raises(UndecodableByte, match=r"offset 2 \(0xEF\)"):
        read_text(tmp_path / "a.txt", encoding="utf-8")   # names where the bad byte is
    with pytest.raises(UnknownEncoding, match="unknown encoding 'no-such-codec'"):
        read_text(tmp_path / "a.txt", encoding="no-such-codec")


def test_utf8_with_a_few_bad_bytes_is_read_with_them_replaced(tmp_path, tang_text):
    good = tang_text[:20000].rstrip().encode("utf-8")  # ends with a 3-byte character
    cut = good[:-1]                                   # cut in the middle of the last character
    at = len(tang_text[:1000].encode("utf-8"))        # between two characters
    stray = good[:at] + b"\xff" + good[at:]           # one stray byte
    for name, data, offset in (("cut.txt", cut, len(good) - 3), ("stray.txt", stray, at)):
        (tmp_path / name).write_bytes(data)
        src = read_text(tmp_path / name)
        assert src.encoding == "utf-8" and src.replaced == 1, name
        assert src.first_bad == f"{name}: byte {offset:,}"
        assert "\ufffd" in src.text and len(src.text) >= len(tang_text[:20000]) - 1
    # a Latin-1 text is still read as such, not as UTF-8 with replacements
    (tmp_path / "latin.txt").write_bytes(("Déjà vu, naïve café. " * 50).encode("cp1252"))
    src = read_text(tmp_path / "latin.txt")
    assert src.replaced == 0 and src.encoding != "utf-8" and "\ufffd" not in src.text


def test_newlines_are_normalised(tmp_path):
    (tmp_path / "crlf.txt").write_bytes(b"one\r\ntwo\rthree\n")
    assert read_text(tmp_path / "crlf.txt").text == "one\ntwo\nthree\n"


def test_folder_joins_text_files_sorted_and_skips_binaries(tmp_path):
    (tmp_path / "b.txt").write_text("second file\n", encoding="utf-8")
    first = "第一个文件：床前明月光，疑是地上霜。举头望明月，低头思故乡。\n" * 5
    (tmp_path / "a.txt").write_bytes(first.encode("gb18030"))
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "c.md").write_text("third\n", encoding="utf-16")
    (tmp_path / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    (tmp_path / ".hidden.txt").write_text("never read", encoding="utf-8")
    src = read_text(tmp_path)
    assert src.text == first.strip("\n") + "\n\nsecond file\n\nthird"
    assert src.files == ("a.txt", "b.txt", "sub/c.md")
    assert src.encoding.startswith("mixed")


@pytest.mark.parametrize("make,error", [
    (lambda p: None, CorpusNotFound),
    (lambda p: p.write_bytes(b""), EmptyCorpus),
    (lambda p: p.write_bytes(b"\n  \n\t"), EmptyCorpus),
    (lambda p: p.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8), BinaryFile),
    (lambda p: p.write_bytes(bytes(range(256)) * 64), BinaryFile),
])
def test_bad_files_give_specific_errors(tmp_path, make, error):
    path = tmp_path / "input.txt"
    make(path)
    with pytest.raises(error) as info:
        load_corpus(path)
    assert str(path) in str(info.value)


def test_zip_renamed_to_txt_is_binary(tmp_path):
    path = tmp_path / "archive.txt"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("inside.txt", "hello " * 1000)
    with pytest.raises(BinaryFile, match="zip"):
        load_corpus(path)


def test_folder_without_text_is_an_error(tmp_path):
    (tmp_path / "x.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(100))
    with pytest.raises(NoTextFiles):
        load_corpus(tmp_path)


def test_one_symbol_and_too_short(tmp_path):
    (tmp_path / "a.txt").write_text("aaaaaaaaaaaaaaaa", encoding="utf-8")
    with pytest.raises(TooFewSymbols):
        load_corpus(tmp_path / "a.txt")
    (tmp_path / "b.txt").write_text("abcdefghij" * 3, encoding="utf-8")
    corpus = load_corpus(tmp_path / "b.txt")
    with pytest.raises(CorpusTooShort) as info:
        corpus.check_trainable(seq_len=64)
    assert info.value.params["needed"] == 65
    corpus.check_trainable(seq_len=8)


def test_char_vocabulary_is_sorted_deterministic_and_handles_emoji():
    text = "b😀a中😀\n𝄞a"
    tok = Tokenizer.build(text)
    assert tok.symbols == sorted(set(text))
    assert "😀" in tok.symbols and "𝄞" in tok.symbols  # outside the BMP: one symbol each
    ids = tok.encode(text)
    assert len(ids) == len(text) == 8
    assert tok.decode(ids) == text
    assert Tokenizer.from_dict(tok.to_dict()).symbols == tok.symbols


def test_rare_symbols_share_the_unknown_id(tang_text):
    text = tang_text[:50000]
    full = Tokenizer.build(text)
    pruned = Tokenizer.build(text, min_count=3)
    assert pruned.has_unk and pruned.vocab_size < full.vocab_size
    ids = pruned.encode(text)
    assert ids.max() == pruned.unk_id
    decoded = pruned.decode(ids)
    assert len(decoded) == len(text)
    rare = {s for s, n in zip(full.symbols, full.counts) if n < 3}
    assert all(d == UNK_TEXT for d, t in zip(decoded, text) if t in rare)
    assert all(d == t for d, t in zip(decoded, text) if t not in rare)
    assert pruned.counts[-1] == sum(n for n in full.counts if n < 3)


def test_word_tokenizer_round_trips(small_text):
    tok = Tokenizer.build(small_text, "word")
    assert "the" in tok.symbols and "," in tok.symbols and "\n" in tok.symbols
    ids = tok.encode(small_text)
    assert tok.decode(ids) == small_text
    assert len(ids) < len(small_text) / 2
    with pytest.raises(UnknownSymbols, match="zyzzyva"):
        tok.encode("the zyzzyva")
    assert tok.decode(tok.encode("the zyzzyva", unknown="skip")) == "the "


def test_unknown_characters_are_named():
    tok = Tokenizer.build("hello world")
    with pytest.raises(UnknownSymbols) as info:
        tok.encode("hello 世界")
    assert "世" in str(info.value) and "界" in str(info.value)


def test_ids_use_the_smallest_dtype(small_text, tang_text):
    assert Corpus.from_text(small_text).ids.dtype == torch.uint8
    assert Corpus.from_text(tang_text).ids.dtype == torch.int16


def test_stats_and_split(small_text):
    corpus = Corpus.from_text(small_text, "s.txt")
    st = corpus.stats(top=5)
    assert st.characters == st.symbols == len(small_text)
    assert st.vocab_size == len(set(small_text))
    assert st.most_common[0] == (" ", small_text.count(" "))
    train, val = corpus.split(0.1)
    assert len(val) == round(len(small_text) * 0.1)
    assert torch.equal(torch.cat([train, val]), corpus.ids)
    assert corpus.hash == Corpus.from_text(small_text, "other-name.txt").hash


def test_streams_are_contiguous_across_windows():
    ids = torch.arange(1001) % 200
    s = Streams(ids.to(torch.uint8), batch=4, seq_len=10)
    x0, y0 = s.window(0)
    x1, _ = s.window(1)
    assert x0.shape == (4, 10) and len(s) == 25
    assert torch.equal(y0[:, :-1], x0[:, 1:])
    assert torch.equal(x1[:, 0], y0[:, -1])  # the next window continues each row
    tail = Streams(ids.to(torch.uint8), batch=4, seq_len=30, tail=True)
    covered = sum(tail.window(w)[1].numel() for w in range(len(tail)))
    assert covered == 1000


def test_unigram_entropy_of_uniform_symbols():
    ids = torch.tensor(np.tile(np.arange(8), 100))
    assert unigram_entropy(ids) == pytest.approx(math.log(8))


def test_load_corpus_with_existing_vocabulary(tmp_path, small_text):
    base = Corpus.from_text(small_text)
    (tmp_path / "more.txt").write_text("ROMEO: ça va?\n" * 20, encoding="utf-8")
    more = load_corpus(tmp_path / "more.txt", vocabulary=base.tokenizer)
    assert more.tokenizer is base.tokenizer
    assert "ç" not in more.tokenizer.decode(more.ids)  # unseen symbols are dropped


def test_several_files_and_folders_at_once(tmp_path):
    (tmp_path / "one.txt").write_text("first text\n", encoding="utf-8")
    (tmp_path / "dir").mkdir()
    (tmp_path / "dir" / "two.txt").write_text("second text", encoding="utf-16")
    corpus = load_corpus([tmp_path / "one.txt", tmp_path / "dir"])
    assert corpus.tokenizer.decode(corpus.ids) == "first text\n\nsecond text"
    assert corpus.files == ("one.txt", "dir/two.txt") and corpus.name == "one.txt (+1)"
    with pytest.raises(CorpusNotFound):
        load_corpus([tmp_path / "one.txt", tmp_path / "nope.txt"])


def test_long_decode_takes_the_array_path_and_gives_the_same_text():
    from rnnstudio.core.data.tokenizer import Tokenizer
    text = ("床前明月光 😀 abc\n" * 200)
    tok = Tokenizer.build(text, "char", min_count=300)   # the rare ones share the unknown symbol
    ids = tok.encode(text)
    assert len(ids) > 1000 and tok.has_unk
    slow = "".join(tok.symbol(int(i)) for i in ids)
    assert tok.decode(ids) == slow
    whole = Tokenizer.build(text)   # every symbol kept, one outside the BMP
    assert whole.decode(whole.encode(text)) == text
