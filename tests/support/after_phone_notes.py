# ruff: noqa: RUF001
"""Shop notes with a phone number and what follows it: a person's name (to replace) or the
note's time and delivery words (to keep).

Names come from Faker's ``zh_CN`` and ``zh_TW`` providers; the note words are the everyday
delivery phrases of Chinese shop notes (a day, a part of the day, a weekday, "at once"), each
with a verb after it. Every case is written in the layouts notes use (glued to the number, after
a blank, after a comma).

``python -m tests.support.after_phone_notes [SEED]`` prints the names left and the note words
lost; ``tests/unit/test_privacy_after_phone.py`` pins the cases.
"""

from __future__ import annotations

import random
import sys

from faker import Faker

from seamguard.privacy import mask_text

# (a day or a part of it, a weekday, an adverb of time) + (a verb of delivery)
TIMES = ("明天", "今天", "后天", "下午", "上午", "晚上", "今晚", "明早", "明晚", "中午", "傍晚",
         "凌晨", "周一", "周二", "周三", "周四", "周五", "周六", "周日", "周末", "下周", "马上",
         "尽快", "立刻", "白天", "早上", "月底", "明日", "连夜")
VERBS = ("到", "送", "送达", "到货", "发货", "联系", "来取", "收货", "派送", "")
LAYOUTS = ("{phone}{tail}", "{phone} {tail}", "{phone}，{tail}", "电话{phone}{tail}")


def _phone(rng: random.Random) -> str:
    return rng.choice(("138", "139", "150", "186", "177")) + f"{rng.randrange(10**8):08d}"


def cases(seed: int = 8101, names: int = 600) -> tuple[list[tuple[str, str]],
                                                       list[tuple[str, str]]]:
    """(note, name) pairs whose name must go, and (note, words) pairs whose words must stay."""
    rng = random.Random(seed)
    people: list[tuple[str, str]] = []
    for locale in ("zh_CN", "zh_TW"):
        faker = Faker(locale)
        faker.seed_instance(seed)
        for _ in range(names // 2):
            name = faker.name()
            layout = rng.choice(LAYOUTS)
            people.append((layout.format(phone=_phone(rng), tail=name), name))
    words = [(layout.format(phone=_phone(rng), tail=time + verb), time + verb)
             for time in TIMES for verb in VERBS for layout in LAYOUTS]
    return people, words


def score(seed: int = 8101) -> tuple[list[str], list[str]]:
    """The names left in a note and the note words lost."""
    people, words = cases(seed)
    left = [note for note, name in people if name in mask_text(note)]
    lost = [note for note, kept in words if kept not in mask_text(note)]
    return left, lost


def main(argv: list[str]) -> int:
    seed = int(argv[0]) if argv else 8101
    left, lost = score(seed)
    for note in left:
        print(f"  name left  {note}")
    for note in lost:
        print(f"  word lost  {note}")
    people, words = cases(seed)
    print(f"seed {seed}: {len(left)}/{len(people)} names left, "
          f"{len(lost)}/{len(words)} note words lost")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
