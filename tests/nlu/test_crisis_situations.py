"""Situations no single phrase names are still crises: the combinations of `crisis.py`.

Written for these tests (not taken from an evaluation set): ending it with a plan or a
farewell, disappearing for good, having fled from someone who searches or is armed, a
baby shaken or locked in, a fall and a child who does not react, a neighbour's child
alone, a goodbye without words — and laughter that turns "he'll kill me" into an idiom,
a tantrum, an emergency told as over, violence told as the past.
"""

from __future__ import annotations

import pytest

from bot.nlu.analyzer import Analyzer
from bot.nlu.crisis import detect_safety
from bot.nlu.message import Message


def assert_crisis_of_kind(analyzer: Analyzer, text: str, kind: str) -> None:
    """The message raises the emergency block, of that kind."""
    result = analyzer.analyze(text)
    assert result.crisis, text
    assert result.crisis_kind == kind, text


def assert_helpline_not_alarm(analyzer: Analyzer, text: str) -> None:
    """The message shows the violence helpline and goes on; no emergency block."""
    result = analyzer.analyze(text)
    assert not result.crisis and result.safety == "violence", text


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # ending it: "end" and two more signs (everything/my life, tonight, farewell, pills)
        ("Ich mache heute Nacht Schluss mit allem. Passt auf meine Kinder auf", "suicide"),
        ("bu gece her şeye son vereceğim, beni affedin", "suicide"),
        ("I'm going to end it all tonight, I can't go on", "suicide"),
        ("el leila di ha5alas 3ala 7ayati, sam7ouni", "suicide"),
        ("dnes shte svarsha s vsichko. prostete mi", "suicide"),
        ("Dziś w nocy skończę z tym wszystkim, nie mogę już", "suicide"),
        # disappearing for good
        ("je veux disparaître pour toujours, ma fille mérite mieux", "suicide"),
        ("хочу исчезнуть навсегда, всем будет лучше без меня", "suicide"),
        # fled, and he searches or has a weapon
        ("Je me suis enfuie avec le bébé, mon mari me cherche partout", "violence"),
        ("Uciekłam z domu z dzieckiem, mąż nas szuka po mieście", "violence"),
        ("ika prej shpie, burri m'kerkon me thikë", "violence"),
        ("Evden kaçtım, kocam bıçakla beni arıyor", "violence"),
        # a baby shaken, or locked in a car
        ("Ich habe mein Baby geschüttelt, weil es nicht aufhörte zu schreien", "child_danger"),
        ("هزيت ابني بعنف لأنه ما سكت", "child_danger"),
        ("Das Auto ist zu, das Baby ist allein drin und der Schlüssel auch", "child_danger"),
        ("zatrzasnęłam drzwi auta, mała jest sama w środku", "child_danger"),
        # strong pain in pregnancy; someone violent at the door; hiding from him
        ("Schwanger in der 33. Woche, der Bauch ist steinhart und tut so weh", "medical"),
        ("hamileyim 28 hafta, karnımda çok ağrı var ve geçmiyor", "medical"),
        ("jam shtatzënë 7 muajsh, kam dhimbje shumë të forta dhe barku s'më lëshon", "medical"),
        # a newborn with fever, the age told without a number ("the son is a month")
        ("Синові місяць, температура 38,6, весь час спить", "medical"),
        ("córka ma miesiąc, gorączka 38,3 od rana", "medical"),
        (
            "he is outside the door kicking it and shouting, me and the baby in the bedroom",
            "violence",
        ),
        ("він під дверима, гатить ногами, каже що вб'є", "violence"),
        ("je suis cachée chez la voisine avec les petits, il nous cherche dans la rue", "violence"),
        # swallowed something; eyes rolled up; not wanting to wake up
        ("малыш выпил жидкость для мытья посуды, кашляет", "medical"),
        ("Der Kleine hat zwei Tabletten von Opa geschluckt, er ist 2", "medical"),
        ("dziecko 1,5 roku, oczy uciekły do góry i całe się trzęsie", "medical"),
        ("i honestly dont want to wake up tomorrow, they'd manage without me", "suicide"),
        # a fall and a child who does not react; a seizure; heavy bleeding
        ("bacheam az takht oftad, vakonesh nemide", "medical"),
        ("mein Sohn ist vom Wickeltisch gefallen und reagiert nicht", "medical"),
        ("mein Baby hat einen Krampfanfall, die Augen verdreht", "medical"),
        ("وانا حامل وبنزف كتير", "medical"),  # "and bleeding": the joined و is read off
        ("am 30. Woche, blute sehr stark", "medical"),
        # wishing to be dead, a plan
        ("keşke uyusam da bir daha hiç uyanmasam", "suicide"),
        ("kash mimordam, dige nemitoonam", "suicide"),
        ("я уже решила, как это сделаю", "suicide"),
        ("I looked up how many pills it would take", "suicide"),
        # a small child alone in danger, missing; afraid to harm one's baby
        ("das Kind der Nachbarn, etwa 3 Jahre, sitzt allein auf dem Balkon", "child_danger"),
        ("dziecko sąsiadów siedzi samo na parapecie otwartego okna", "child_danger"),
        ("мій малий вийшов з квартири, його ніде нема", "child_danger"),
        ("Я боюся, що вдарю малого, він плаче цілий день", "child_danger"),
        # on a height with no reason to go back; jumping in Russian Latin letters
        ("stoję na moście i nie wiem po co mam wracać", "suicide"),
        ("ya na kryshe, hochu prygnut", "suicide"),
        # fled, and he is on his way or searching (Ukrainian, Dari, Albanian with a knife)
        ("ми втекли до сестри, він знайде нас, вже їде", "violence"),
        ("از خانه گریختم، شوهرم دنبال ما میگرده", "violence"),
        ("burri po vjen me thikë, jam te fqinja", "violence"),
        # a neighbour beating a child with a belt; descaler or a battery swallowed
        ("sąsiad leje dziecko pasem, słychać płacz", "child_danger"),
        ("synek wypił odkamieniacz, kaszle", "medical"),
        ("malkiq preglatna bateriya, plache", "medical"),
        ("el walad lawno azra2, ma 3am yetnaffas", "medical"),
        # v13's situations, in new words: pills at home, thinking of killing oneself tonight,
        # ending this life (Gheg)
        ("ma baddi 3ish, 3andi 7boob w bfakker ekhedon kellon", "suicide"),
        ("je pense à me tuer ce soir, j'en peux plus", "suicide"),
        ("s'po mundem ma, po mendoj me i dhan fund jetës", "suicide"),
        # a baby thrown; a neighbour's child alone on the stairs or since last night
        ("кинула сина на диван, бо кричав, мені страшно", "child_danger"),
        ("dziecko sąsiadów, ok. 2 lata, samo na klatce schodowej, matki nie ma", "child_danger"),
        ("komşunun 2 yaşındaki oğlu tek başına ağlıyor, annesi çıktı gelmedi", "child_danger"),
        # limp and not reacting; toilet cleaner drunk; trembling and not answering
        ("бебето е отпуснато и не реагира", "medical"),
        ("mein Sohn (2) hat WC-Reiniger getrunken", "medical"),
        ("ma fille tremble et ne répond plus", "medical"),
        ("pesaram 1 mahashe, tab 39 dare", "medical"),
        # fled and followed; armed in the hallway; at the door threatening
        ("hrabt mn dar m3a weldi w rajli tab3ni", "violence"),
        ("I ran away with the kids, my husband follows us in his car", "violence"),
        ("muzh p'yanyy, seychas stoit na kukhne s nozhom", "violence"),
        ("burri po e shtyn derën tash, bërtet që na vret", "violence"),
        # the baby named: the longer phrase decides the kind, not the threat inside it
        ("do ta mbys bebin, nuk duroj dot më", "child_danger"),
        ("do ta mbys, po bërtet tërë ditën", "violence"),
        # hiding or locked in from someone violent: that is now, not yesterday
        (
            "Er tritt gegen die Tür, ich habe mich mit den Kindern im Schlafzimmer eingeschlossen",
            "violence",
        ),
        ("kocam bağırıyor, kendimi banyoya kilitledim, tehdit ediyor", "violence"),
        # afraid to harm a child whom no baby word names
        ("Боюся, що зроблю щось доньці, коли вона кричить", "child_danger"),
        ("boje sie ze zrobie cos malej, nie wytrzymuje", "child_danger"),
        # a child left at home by a parent who cannot get back (Albanian, Gheg)
        ("e lash gocën vetëm n'shpi e tash s'po muj me u kthy", "child_danger"),
        # a fall and no answer, in Arabic chat letters and French
        ("binti w2e3et 3an el sarir w ma 3am trod", "medical"),
        ("elle est tombée de la table et elle répond plus", "medical"),
        # a child swallowed something dangerous
        ("Mein Sohn (2) hat eine Knopfbatterie verschluckt", "medical"),
        ("ma fille a bu de la javel, elle vomit", "medical"),
        ("oğlum bulaşık deterjanı içti, kusuyor", "medical"),
        # farewell letters with a plan, jumping, wishing to be gone
        ("I wrote a goodbye letter to my husband, I won't be here tomorrow", "suicide"),
        ("wczoraj stałam na balkonie i chciałam skoczyć", "suicide"),
        ("keine Kraft mehr, es wäre besser, wenn ich nicht mehr aufwachen würde", "suicide"),
        ("Wir sind vor ihm weggelaufen, er fährt uns mit dem Auto hinterher", "violence"),
        ("he locked me in the flat and took my phone, he says I will pay tonight", "violence"),
        ("mon mari est bourré, il est seul avec le bébé et ne répond pas", "child_danger"),
        ("I'm so close to shaking her, she has been screaming for hours", "child_danger"),
        # someone beaten this minute, or heard through the wall
        ("mein Nachbar schlägt gerade sein Kind, ich höre es schreien", "child_danger"),
        ("my neighbour is beating her boy right now, what do I do", "child_danger"),
        ("j'entends des coups chez les voisins, elle crie, c'est maintenant", "violence"),
        ("kocam şu an beni dövüyor, banyodayım", "violence"),
        ("сусід зараз б'є дружину, чую крики через стіну", "violence"),
        # a child behind a door nobody opens
        ("Das Baby von nebenan weint seit Stunden allein, niemand macht auf", "child_danger"),
        ("the baby next door is crying for hours and nobody opens, I can hear it", "child_danger"),
        # pills and "I can't go on"
        ("nie mogę już dłużej, mam w ręku wszystkie tabletki nasenne", "suicide"),
        # followed now by someone who hit her
        ("er hat mich geschlagen und fährt jetzt hinter mir her", "violence"),
        # "better off without me"; a goodbye without words at a bridge or with pills
        ("alle wären besser dran ohne mich, ehrlich", "suicide"),
        ("sa fie toti mai bine fara mine, asta vreau", "suicide"),
        ("sitze auf der Brücke. weiß nicht warum ich euch schreibe", "suicide"),
        ("nie wiem po co piszę. mam tabletki w kieszeni", "suicide"),
        ("stoyu na mostu, ne znaju zachem pishu, deti spyat", "suicide"),
        (
            "stand lange am Fenster im 6. Stock und hab runtergeschaut, ich kann nicht mehr",
            "suicide",
        ),
        # pills saved up, in Latin letters
        ("nazbyrala tabletok, uzhe davno. syn u babusi", "suicide"),
        # a neighbour gone out, her small children alone
        ("la voisine est partie hier, ses petits sont seuls, j'entends pleurer", "child_danger"),
        (
            "Die Nachbarin ist seit gestern weg und ihre Kinder sind allein in der Wohnung",
            "child_danger",
        ),
        # violence now, in dialect and Latin letters; a bathroom door kicked
        ("rajli kaydrebni daba, 3afakom", "violence"),
        ("er tritt gegen die Badezimmertür, ich bin mit dem Baby drin", "violence"),
        ("am fugit cu copiii, ne cauta cu masina si zice ca ne omoara", "violence"),
        ("we ran away an hour ago, he said he'll find us and kill us", "violence"),
        # washing capsules, cleaners
        ("oglum camasir kapsulunu isirmis, agzinda kopuk var", "medical"),
        ("córka zgryzła kapsułkę do prania i wymiotuje", "medical"),
        # a pregnancy week with no other pregnancy word; a one-month-old with fever
        ("36 неделя, живот как камень и болит сильно", "medical"),
        ("сыну ровно месяц, температура 38,5", "medical"),
        # shaken, the age stated instead of a baby word
        ("я его потрясла, ему 2 месяца, теперь он вялый", "child_danger"),
        # thrown on the bed; a child beaten next door, heard
        ("ich hab den Kleinen grad aufs Sofa geschmissen, er hört nicht auf", "child_danger"),
        ("швырнула сына на диван, боюсь сорвусь ещё раз", "child_danger"),
        ("drüben hört man, wie ein Kind geschlagen wird", "child_danger"),
        # a neighbour gone out, the children heard behind the door
        ("sąsiedzi wyszli rano, dzieci płaczą za drzwiami", "child_danger"),
        # threats with a blade through the door; fled and followed
        ("er klingelt Sturm und schreibt, dass er mich absticht", "violence"),
        ("я втекла з дітьми, він їде за мною, каже що вб'є", "violence"),
        # a farewell letter and "I don't know why I'm writing"
        ("j'ai écrit une lettre d'adieu, je sais pas pourquoi je vous écris", "suicide"),
        # a battery, drain cleaner
        ("donka proglotyla batarejku z pulta", "medical"),
        ("she drank drain cleaner, she is coughing", "medical"),
        ("eyes went up and his whole body is shaking, 10 months", "medical"),
        # pills bought for tonight; everything ready, then I'll do it; the water below a bridge
        ("kupiłam tabletki nasenne, wezmę je dziś w nocy jak mała zaśnie", "suicide"),
        ("alles ist vorbereitet. morgen ist der kleine bei oma, dann ist es vorbei", "suicide"),
        ("stau pe podul de lângă gară și mă uit la apă, nu mai pot", "suicide"),
        # a dishwasher tab bitten; a battery swallowed, in Latin letters
        ("der kleine hat einen Spülmaschinentab angebissen und spuckt Schaum", "medical"),
        ("syn prokovtnuv batareiku, yomu rik", "medical"),
        # a child beaten now upstairs, heard
        ("vecinii de sus bat copilul acum, se aude cum plânge", "child_danger"),
        # a one-month-old with fever, Bulgarian in Latin letters
        ("bebeto e na mesec, ima 39 temperatura", "medical"),
        # shaken in anger, thrown onto a bed, "afraid of myself" beside a baby
        ("kızı öfkeden salladım, şimdi tuhaf sessiz, 2 aylık", "child_danger"),
        ("Hab ihn eben aufs Bett geworfen, er ist 6 Wochen, ich kann nicht mehr", "child_danger"),
        ("my son is 4 weeks old and honestly I'm scared of myself tonight", "child_danger"),
        ("az khodam mitarsam, bachem 2 mahe shabo rooz gerye mikone", "child_danger"),
        # something dangerous sucked on, swallowed or drunk, in the words families use
        ("die Kleine hat an einer Waschmittelkapsel gelutscht und spuckt jetzt", "medical"),
        ("ibni bal3at 7abbet dawa lal daght w hala2 na3san ktir, 3omro sana", "medical"),
        ("syn vypil chto-to s chistyashchim sredstvom, ego rvet", "medical"),
        ("sinat mi izpi ot preparata za sadove i povrashta", "medical"),
        ("ebni bala3 battareya mn el le3ba, 3ando sanatein", "medical"),
        # throwing oneself from a balcony (Turkish without diacritics, Arabic in Latin letters)
        ("kendimi balkondan atmayi dusunuyorum, bebegim 3 aylik", "suicide"),
        ("ana wa2fe 3al balkon w bfakker ermi 7ali, ma ba3ref lesh 3am ektob", "suicide"),
        # decided, mother's pills, "don't know why I'm writing" (Bulgarian in Latin letters)
        ("veche reshih, imam hapchetata. ne znam zashto vi pisha", "suicide"),
        # fled, and he follows or writes he is coming
        ("evden kactim, simdi annemdeyim, buraya gelecegini yazdi", "violence"),
        ("je viens de partir de la maison avec ma fille, il nous suit", "violence"),
        # neighbours gone and a child heard through the wall; a neighbour's boy on a balcony;
        # a small child beaten by neighbours, screaming now
        ("сусіди поїхали вранці, за стіною плаче дитина, дорослих нема", "child_danger"),
        ("соседский мальчик один на балконе, родителей дома нет с утра", "child_danger"),
        ("fqinjet po e rrahin nje femije te vogel, po bertet", "child_danger"),
        # bleeding a lot in pregnancy (Maghrebi Arabic in Latin letters)
        ("rani 7amla f chhar 6, kaynzel ddem bzaf mn sba7", "medical"),
        # a child ate pills (Romanian, Russian); from a window (Arabic in Latin letters);
        # fled, he chases with the car (Bulgarian in Latin letters)
        ("sinul meu de 2 ani a mâncat pastilele bunicii, vreo cinci", "medical"),
        ("дочь 2 года наелась таблеток от давления, сколько не знаю", "medical"),
        ("ana 3ayze erme 7ali mn el shebbak", "suicide"),
        ("izbyagah s bebeto, toj me goni s kolata", "violence"),
        # "not at all" is no "never" for a symptom (Turkish); blood after the waters broke
        ("bebeğim hiç tepki vermiyor, gözleri kapalı, 2 aylık", "medical"),
        ("j'ai perdu les eaux à 30 semaines et il y a du sang", "medical"),
        # dishwashing liquid drunk; laundry capsules eaten (Ukrainian in Latin letters)
        ("Il a bu du produit vaisselle, 2 ans, il vomit", "medical"),
        ("syn z'yiv shchos z pralnykh kapsul, blyuye, 1 rik", "medical"),
        # a fall and no waking up (German dialect)
        ("dat kind is vom hochbett gefallen und wacht nich auf, der is 4", "medical"),
        # bleach drunk (Levantine in Latin letters); "I just hit my daughter hard" (Ukrainian)
        ("binti shirbet klor mn el 7emmam, 3omra 2 snin", "medical"),
        ("я щойно вдарила сина дуже сильно, боюся що зроблю ще гірше", "child_danger"),
        # long ago, but now again
        (
            "Früher hat er mich geschlagen, das ist lange her, aber jetzt schlägt er mich wieder",
            "violence",
        ),
        # a battery swallowed "a moment ago" by a two-year-old (Gulf Arabic): no "years ago"
        ("ولدي بلع بطارية صغيرة حق الريموت قبل شوي، عمره سنتين ونص، وش أسوي؟", "medical"),
        # fell, trembling, eyes rolled up, not answering (Moroccan Darija in Latin letters)
        ("weldi 3ando 10 chhor tay7 w kayetra3ed, 3inih tal3in w ma kayjawebch!!", "medical"),
        ("Baby atmet komisch und ist ganz schlapp, lippen bläulich!!! 5 monate", "medical"),
        ("mein Sohn (3) hatte Spülmaschinentabs im Mund, schäumt und hustet", "medical"),
        ("man dige nemikham inja basham, faghat mikham gom besham az in donya", "suicide"),
        # a neighbours' child alone (Bulgarian in Latin letters); a knife and a threat
        (
            "sasedite sa ostavili detenceto samo v kvartirata, plachet uzhe tri chasa",
            "child_danger",
        ),
        (
            "My husband have knife and he say he will cut me, I am in the kitchen with baby",
            "violence",
        ),
        # a toddler who swallowed pills is poisoned, not suicidal (Levantine Arabic)
        ("بنتي عمرها سنة ونص بلعت حبوب من شنطة ستها، ما بعرف قديش", "medical"),
        ("el bebe lonha azra2 w mesh bet tnaffas kwayes!! a3mel eh??", "medical"),
        ("ushla ot muzha s detmi, on edet za nami na mashine, ya v magazine pryachus", "violence"),
        (
            "Sasedite sa izlezli ot vchera, detsata sa sami vkashti, plaka cyala nosht",
            "child_danger",
        ),
        # a plan, decided, calm, tonight; a pillow to silence, the child not named
        ("I've decided. tonight once everyone sleeps. I'm calm, really", "suicide"),
        (
            "Ich habe Angst vor mir, ich hab an das Kissen gedacht, damit er still ist",
            "child_danger",
        ),
        # to be married off today, locked in; hiding and unable to speak
        ("my uncle will marry me off tonight, he locked the door and took my phone", "violence"),
        ("je ne peux pas parler, j'écris en silence depuis la salle de bain", "violence"),
    ],
)
def test_a_combination_of_signs_is_a_crisis_of_the_right_kind(
    analyzer: Analyzer, text: str, kind: str
) -> None:
    result = analyzer.analyze(text)
    assert result.crisis, text
    assert result.crisis_kind == kind


@pytest.mark.parametrize(
    "text",
    [
        "Mein Mann sagt, er bringt mich um, wenn ich sein Ladekabel nehme 😂 Wo gibt es Babykurse?",
        "Le petit va me tuer 😂 il tète toute la nuit, c'est normal ?",
        "do ta mbys këtë çun 😂 s'fle fare natën, 10 muajsh",
        "haha my toddler will be the death of me, any playgroups in Dülmen?",
        "Wir sind 2015 aus Syrien geflohen und suchen jetzt eine Kita",
        "Ich mache heute Abend Schluss mit ihm, wo bekomme ich Beratung zum Unterhalt?",
        "I rocked the baby gently until she slept, is that ok?",
        "Heute habe ich alles fertig gemacht für die Geburt, was brauche ich noch?",
        "des groupes parents-bébé à Bielefeld ? je me sens seule",  # not bg "bie me"
        "Ich habe Angst, dass ich ihn beim Baden fallen lasse",
        "Wir finden nirgends einen Kitaplatz für unseren Kleinen",
        # a negation binds its next word: "does not sleep, wakes up" is no "does not wake up"
        "Сын совсем не спит, просыпается каждый час, сил уже нет",
        # eye-rolling, like laughter, marks an idiom
        "Soacra mea mă omoară cu sfaturile ei 🙄 unde găsesc un curs pentru părinți?",
        # it is the mother who stays alone, not the child
        "grupuri mamă-copil în Siegburg? stau singură toată ziua acasă",
        "Wann darf mein Baby Tabletten gegen Fieber bekommen?",
        "Verzeiht mir die späte Nachricht heute Nacht, das Baby schläft nicht",
        "Kızım kanepeden atladı ve ağladı, normal mi?",
        "el Jobcenter da hay2telni 😩 mestaneyin el Bürgergeld",  # the office "kills" her
        "po më mbyt kjo vapë, si ta mbaj bebin fresk natën?",  # the heat, named after it
        "Sur le point d'accoucher, je cherche une sage-femme à Köln",
        "I'm shaking, so cold at the bus stop with the baby, where is a parents café?",
        "we fled Syria in 2015 and now look for a Kita",
        "jam shumë e lodhur, por kurrë nuk do i bëja keq bebes",  # "never would I harm"
        # an emergency told as over, or read in the news
        "Vor drei Jahren lief mein Sohn beim Essen blau an, heute ist er wieder gesund. "
        "Gibt es Erste-Hilfe-Kurse für Eltern in Köln?",
        "last year my daughter had a seizure with fever, she is totally fine now. "
        "is there a baby first aid course?",
        "Три года назад дочка перестала дышать во сне, сейчас всё хорошо, но я боюсь",
        "Im Fernsehen kam in den Nachrichten ein Baby, das allein im Auto gelassen wurde. "
        "Ab wann darf man Kinder kurz allein lassen?",
        # laughter cancels what only the model reads, too
        "my 3 year old is plotting my murder with these 5am wake ups 😂 sleep tips?",
        # a toddler who hits is a parenting question; hitting that is over is no alarm now
        "my toddler is hitting me right now every time I say no, is that normal?",
        "il va me tuer ce gamin, il a renversé tout le sucre",  # the kid named after it
        "Mein Sohn (2) schlägt jetzt immer seine Schwester, was können wir tun?",
        "my ex used to beat me, now we are safe in our own flat, I need a Kita",
        "ich höre das Baby nachts weinen, wie bekomme ich es zum Schlafen?",
        "he's hitting me right now with a pillow 😂 pillow fight with the kids",
        # an emergency yesterday, fine now; a TV series
        "gestern hat sich der Kleine an einer Traube verschluckt und ist blau geworden, "
        "jetzt spielt er wieder. Gibt es Erste-Hilfe-Kurse?",
        "вчера смотрела сериал про роды с кровотечением, теперь боюсь рожать, я на 30 неделе",
        # a partner who left: a single parent, not a child left alone
        "Vater ist weg, ich ziehe mein Kind alleine groß. Gibt es Treffen für Alleinerziehende?",
        "мама уехала, я воспитываю сына один, ему год",
        # "I can't leave him alone with the baby" is a worry, not a child alone now
        "he drinks a lot, I can't leave him alone with the baby. where can I get advice?",
        # a toddler's tantrum; "he doesn't hit me"; anhedonia without a wish to die
        "Meine Tochter (3) hat Wutanfälle, wirft sich auf den Boden und haut mich",
        "kłócimy się ciągle, nie bije mnie, ale nie rozmawiamy. poradnia dla par?",
        "j'ai plus envie de rien depuis l'accouchement, c'est normal ?",
        # burden words that say no wish to be gone
        "we'd be better off in a bigger flat, where do we apply?",
        "bremenna sum, tarsya babinata v Köln",
        # choking with laughter; a bump on the head with a playing child; hurting oneself
        # is not "he will hurt me"
        "il s'étouffe de rire quand sa sœur danse 😄 à quel âge il parle ?",
        "kızım kafasını masaya çarptı, biraz şişti ama oynuyor, doktora gerek var mı?",
        "dacă plec îmi face rău, zice el. unde găsesc consiliere?",
        # the heat; a bump on the head of a child who runs and laughs; bought pills for fever
        "ten upał mnie wykończy, ile wody dawać karmiąc piersią?",
        "малий вдарився головою об стіл, ґуля, але бігає і сміється",
        "I bought fever tablets for the baby today, how much can she have?",
        "Ich habe alles vorbereitet für die Geburt, dann mach ich es mir gemütlich",
        # a small boy "will kill me" (Levantine in Latin letters); the heat (Finglish)
        "hal walad ra7 ymawetni, ma byenem abadan, 3omro 10 shhur",
        "in garma mano koshte, bacham ham kam mikhore",
        # danger told as long over: thoughts at 20, a childhood with a violent father
        "Mit 19 hatte ich Suizidgedanken, das ist lange vorbei. Jetzt suche ich eine Hebamme",
        "as a kid my dad beat me, that's long over. now I want to be a calm mum, any course?",
        # a parent alone with the children; "ate" far from the tablets
        "Ich bin mit den zwei Kindern allein, das Auto hat er mitgenommen. Wer hilft?",
        "man tanham, shoharam raft, ba do ta bache, komak mikhaim baraye ejare",
        "my son ate his dinner, he has a cold, can he have paracetamol tablets?",
        # the heatwave; "not aggressive" with words between; a bleeding told as last year's
        "cette canicule va me tuer, 8e mois, des aides pour un ventilateur ?",
        "mój mąż dużo pije, ale nie jest agresywny, gdzie szukać pomocy?",
        "پارسال که حامله بودم خونریزی داشتم ولی به خیر گذشت. الان بچه ۵ ماهشه",
        # violence told as years ago and over, with a "now" about today's family
        "Vor 8 Jahren hat mein erster Mann mich geschlagen, das ist vorbei. Eine Krabbelgruppe?",
        "Acum 5 ani fostul m-a lovit, acum am o familie nouă și caut o moașă",
        # a bump with a child playing normally; "tiredness kills me" (Romanian)
        "a lovit cu capul de masă, are un cucui, dar se joacă normal. e ok?",
        "ma omoara oboseala cu trei copii, unde gasesc o grupa de joaca?",
        # feeling alone at home with the baby; "her gün" without diacritics is no gun
        "ma simt singura acasa cu bebelusul de 3 luni, sunt grupuri de mamici?",
        "kocam her gun gec geliyor, bebek ve ben yalniz kaliyoruz, anne grubu var mi?",
        # killing the neighbour's dog (Albanian); a bleeding in a past pregnancy, all went well
        "Do ta mbys këtë qen të fqinjit 😤 leh gjithë natën dhe zgjon bebën",
        "Als ich 2019 schwanger war hatte ich Blutungen, ist aber alles gut ausgegangen. Jetzt"
        " bin ich wieder schwanger und suche eine Beratung",
        # a throwing phrase joked about a thing, no child named
        "Am chef să-l arunc pe geam 😂 laptopul ăsta vechi, unde găsesc un curs de germană?",
        # a button's number alone
        "1",
        "2",
    ],
)
def test_idioms_and_everyday_sentences_are_no_alarm(analyzer: Analyzer, text: str) -> None:
    assert not analyzer.analyze(text).crisis, text


def test_a_crisis_keeps_the_needs_help_goes_on_with(analyzer: Analyzer) -> None:
    fled = analyzer.analyze("Je me suis enfuie avec le bébé, mon mari me cherche partout")
    assert "family_conflict" in fled.needs
    ending = analyzer.analyze("I'm going to end it all tonight, I can't go on")
    assert "mental_health" in ending.needs
    shaken = analyzer.analyze("Ich habe mein Baby geschüttelt, weil es nicht aufhörte zu schreien")
    assert "mental_health" in shaken.needs
    locked = analyzer.analyze("zatrzasnęłam drzwi auta, mała jest sama w środku")
    assert "general_support" in locked.needs  # the local network's first contact


@pytest.mark.parametrize(
    "text",
    [
        "колишній погрожує забрати сина, він знає адресу",
        "ex droht mir per whatsapp, dass er mir das kind wegnimmt",
        "ish-burri më shkruan që do vijë te shtëpia, kam frikë",
        "حماتي بتهددني اذا حكيت لحدا",
        # a slap written without the apostrophe, a grandmother who beat a child, forced
        # marriage in Latin letters
        "il ma giflé devant les enfants avant-hier, je sais pas quoi faire",
        "Свекруха била мою доньку по руках, коли мене не було вдома",
        "ahli bedhom yjawzouni la ibn 3ammi w ana ma badde",
        "pedaram mikhad mano be zoor shohar bede",
    ],
)
def test_threats_by_a_partner_or_fear_of_an_ex_show_the_violence_helpline(
    analyzer: Analyzer, text: str
) -> None:
    result = analyzer.analyze(text)
    assert result.crisis or result.safety == "violence", text
    assert "family_conflict" in result.needs


@pytest.mark.parametrize(
    "text",
    [
        "Mein Mann hat mich letzte Woche geschlagen, jetzt sind wir bei meiner Mutter",
        "er haut mich manchmal, wenn er getrunken hat",
        "my husband hits me sometimes when he drinks",
        "el me-a lovit acum o saptamana, stau la o prietena",
        "mój brat bije żonę, ona boi się coś powiedzieć",
        "Ich habe ein Kontaktverbot gegen ihn, aber er fährt jeden Tag am Haus vorbei",
        "eski kocam telefonda tehdit ediyor, çocuğu alıp kaçıracakmış",
        "bivshiyat mi pishe 4e 6te mi vzeme deteto",
        # a family that pushes a marriage; an ex who follows her
        "meine Eltern wollen mich verheiraten, ich bin 18 und habe ein Baby",
        "ailem beni zorla evlendirmek istiyor, hamileyim",
        "mój były chodzi za mną pod przedszkole",
        "die Familie meines Mannes will, dass unsere Tochter (16) im Sommer heiraten muss",
        # hit in front of the child: the helpline, not a child in danger
        "Мъжът ми ме удари пред детето миналата седмица",
        # threats to burn the flat or take the child abroad
        "mój były pisze, że spali mieszkanie, jeśli nie wrócę",
        "mąż i teściowa grożą, że wywiozą syna",
        "my ex says he'll take our son back to his country",
        "طليقي بيقول إنه راح يحرق البيت",
        "змушують вийти заміж за родича, мені 17",
        # afraid he comes back; an ex who knows where she lives; in-laws taking the child
        "він пішов, але я боюся, що повернеться",
        "fostul îmi scrie că știe unde stau",
        "бывший пишет, что мне не жить",
        "meine Schwiegereltern drohen, sie nehmen mir das Kind weg",
        # a threat written or phoned from afar; an ex who follows her everywhere
        "Mein Ex schreibt mir jeden Abend, dass er mich umbringt",
        "shohare ghablim payam dade ke mano mikoshe age bacheha ro nadam",
        "fostul mă urmărește peste tot, ieri l-am văzut la grădiniță",
        # an ex who drives past the house since the separation
        # afraid he will stand at the door some day; a forced marriage (Turkish)
        "Mein Ex droht mir per SMS, ich habe Angst, dass er irgendwann vor der Tür steht",
        "babam beni kuzenimle evlendirecek, ben istemiyorum",
        # quiet now; fled a month ago and he phones threats; beaten for weeks, quiet now
        "Er hat mich gestern geschlagen, jetzt ist er auf der Arbeit, ich habe Angst",
        "Letzte Woche stand er nachts vor der Tür und hat gedroht, mein Ex. Was kann ich tun?",
        "vin pyshe meni shchodnia, shcho ya poshkoduyu, znaye de my zhyvemo",
        "Vor 2 Jahren hat er mich geschlagen und gestern wieder",
        "Er hat mich gestern geschlagen. Jetzt ist es ruhig, aber ich habe Angst",
        "Преди месец избягах с децата, сега той ми звъни и заплашва, че ще дойде",
        "через стіну вже кілька тижнів чую, як він її б'є. Зараз тихо. Куди звернутись?",
        "Mein Ex fährt seit der Trennung jeden Abend an unserem Haus vorbei",
        # pressure to marry, with threats or blows (French, Farsi, German, Moroccan Darija)
        "ma famille veut me marier au pays cet été, je veux pas et ils me menacent",
        ("خانواده‌ام مرا مجبور می‌کنند که با پسر کاکایم عروسی کنم، گفته‌اند اگر نه بگویم مرا می‌زنند"),
        "Meine Eltern wollen dass ich einen Mann heirate den ich nicht kenne, sonst bringen die"
        " mich um",
        "khouya bgha iz2wej bnti b sse7a, w kaygoul ila ma bghatsh ghadi yqtelha",
        # an ex who phones threats every day; the children's father outside every night
        "fostul ma suna zilnic si ma ameninta ca ma omoara daca ma vede cu altcineva",
        "le père de mes enfants vient chaque nuit devant la maison, j'ai peur il fait qqch",
        "Para dy ditësh burri më goditi. Tani është në punë. Kam frikë kur të kthehet",
        "rajli l9dim kayb9a ysoni kol nhar o kayhedded bach yakhod liya lwlad l lmghrib",
        "sotul ma loveste cand bea, ultima data saptamana trecuta. acum e linistit",
        "Вчера мъжът ми ме удари и ми взе телефона. Сега е на работа.",
        "Mein Mann schlägt mich manchmal, das letzte Mal vor zwei Wochen. Jetzt ist er ruhig",
        # armed or beating yesterday, and "now" is calm (he is at work)
        "jetzt ist er auf der Arbeit, gestern hatte er ein Messer",
        "mein Mann ist jetzt auf der Arbeit, gestern hatte er ein Messer in der Hand",
        "he is at work now, yesterday he hit me",
        # a sister to be married off, her father threatening to beat her (in Latin letters)
        "hotyat vydat moyu doch zamuzh v 17, otec grozit",
    ],
)
def test_violence_told_as_past_or_about_others_shows_the_helpline_not_the_alarm(
    analyzer: Analyzer, text: str
) -> None:
    result = analyzer.analyze(text)
    assert not result.crisis, text
    assert result.safety == "violence", text
    assert "family_conflict" in result.needs


def test_a_pregnancy_told_as_the_past_is_no_pregnancy_now(analyzer: Analyzer) -> None:
    result = analyzer.analyze(
        "Er hat mich geschubst, als ich schwanger war. Jetzt ist die Kleine da"
    )
    assert result.safety == "violence" and "family_conflict" in result.needs
    assert "pregnancy" not in result.needs and not result.pregnant
    again = analyzer.analyze(
        "Als ich schwanger war, hat er mich geschlagen. Jetzt bin ich wieder schwanger"
    )
    assert again.pregnant and "pregnancy" in again.needs


def test_a_parent_afraid_of_harming_a_crying_baby_keeps_the_crying_need(
    analyzer: Analyzer,
) -> None:
    result = analyzer.analyze(
        "J'ai peur de lui faire du mal, il pleure sans arrêt depuis des heures"
    )
    assert result.crisis_kind == "child_danger"
    assert {"mental_health", "crying_sleep"} <= set(result.needs)


@pytest.mark.parametrize(
    "text",
    [
        "ich hab ihn eben geschüttelt, weil er nicht aufhörte zu schreien",
        "j'ai jeté mon bébé sur le canapé, il arrêtait pas de hurler",
    ],
)
def test_a_baby_hurt_because_it_would_not_stop_crying_keeps_the_crying_need(
    analyzer: Analyzer, text: str
) -> None:
    result = analyzer.analyze(text)
    assert result.crisis_kind == "child_danger", text
    assert "crying_sleep" in result.needs, (text, result.needs)


def test_threats_for_later_from_an_ex_show_the_violence_helpline(analyzer: Analyzer) -> None:
    result = analyzer.analyze("mój były pisze, że mnie znajdzie i pożałuję")
    assert result.safety == "violence" and "family_conflict" in result.needs


@pytest.mark.parametrize(
    "text",
    [
        "Mein Baby hat gerade aufgehört zu atmen, es ist ganz blau!",
        "Two years ago I had depression. Now it is back and tonight I took all my pills",
    ],
)
def test_a_past_or_recovered_word_does_not_cancel_an_emergency_now(
    analyzer: Analyzer, text: str
) -> None:
    assert analyzer.analyze(text).crisis, text


def test_a_short_message_naming_a_place_names_no_need(analyzer: Analyzer) -> None:
    said = analyzer.analyze("wir wohnen in Gummersbach")
    assert said.needs == () and said.location == "Gummersbach"
    assert analyzer.analyze("Wohnung gesucht in Gummersbach").needs == ("housing",)


@pytest.mark.parametrize(
    "text",
    [
        "Mein Baby würgt manchmal beim Trinken, ist das normal?",
        "Ich würde meinem Kind nie etwas tun, aber ich habe Angst vor mir selbst seit der Geburt",
        "I'm raising my son alone since his dad left, any groups for single mums?",
        "sinat mi si udari glavata na masata, igrae si normalno, da hodim li na lekar?",
        "Acum 3 ani am avut o sângerare puternică, dar a fost totul bine. Acum caut o moașă.",
    ],
)
def test_gagging_a_never_raising_alone_a_bump_and_an_old_bleeding_are_no_alarm(
    analyzer: Analyzer, text: str
) -> None:
    result = analyzer.analyze(text)
    assert not result.crisis and result.safety is None, text


def test_a_pregnancy_alone_is_the_need_when_nothing_else_is_named(analyzer: Analyzer) -> None:
    result = analyzer.analyze("8. Monat schwanger, diese Hitze, meine Füße sind dick wie nie")
    assert "pregnancy" in result.needs


@pytest.mark.parametrize(
    "text",
    [
        "die Nachbarin ist seit heute früh weg, ihr Kleiner (2) schreit allein in der Wohnung",
        "جارتي طلعت من الصبح وتركت ولدين صغار لحالهم بالشقة، الصغير عمره سنتين وعم يصرخ",
        "komşunun 3 yaşındaki çocuğu balkonda tek başına, evde kimse yok",
        "За стінкою сусід б'є дитину, чути як малий кричить",
    ],
)
def test_a_neighbour_reporting_a_child_in_danger_gets_the_alarm_without_needs_of_her_own(
    analyzer: Analyzer, text: str
) -> None:
    result = analyzer.analyze(text)
    assert result.crisis and result.crisis_kind == "child_danger", text
    assert result.needs == (), text


def test_violence_told_as_long_over_leaves_the_need_asked_for(analyzer: Analyzer) -> None:
    result = analyzer.analyze(
        "Років 10 тому колишній мене бив, але це давно минуло. Зараз я сама виховую сина"
        " і шукаю групу для мам"
    )
    assert not result.crisis and result.safety is None
    assert "single_parent" in result.needs and "family_conflict" not in result.needs
    alone = analyzer.analyze("Fostul partener m-a batut acum doi ani, acum sunt in siguranta.")
    assert "family_conflict" in alone.needs  # told as the only need, it stays


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # a child thrown in anger (not "threw up")
        (
            "I threw him on the couch in anger, he's 4 months and now he cries strangely",
            "child_danger",
        ),
        ("am aruncat-o pe pat de nervi, are 5 luni si plange ciudat", "child_danger"),
        # a drunk carer: a door nobody opens, a child on the balcony
        (
            "Mein Schwager ist betrunken, das Baby schreit seit einer Stunde und keiner macht auf",
            "child_danger",
        ),
        ("my husband is drunk and our 1 year old is out on the balcony with him", "child_danger"),
        # all the pills and a decision; "the children better off without me" is no child
        # who swallows anything
        ("Ich habe alle Tabletten hier und ich habe beschlossen, sie zu nehmen", "suicide"),
        (
            "Ich habe Tabletten hier und heute Nacht nehme ich alle. Die Kinder sind besser dran"
            " ohne mich.",
            "suicide",
        ),
        # a child's years said without a unit: "er ist 2."
        ("hat Omas Blutdrucktabletten geschluckt, er ist 2.", "medical"),
        # on a height, not knowing why one is there
        ("stehe auf der Brücke und weiß nicht warum ich hier bin", "suicide"),
        # he stands under the window and threatens
        ("he is under the window right now shouting he will kill me", "violence"),
        # the neighbours left, their child alone (Ukrainian in Latin letters)
        ("susidy poyihaly, yihnya dytyna odna v kvartyri i plache", "child_danger"),
    ],
)
def test_thrown_drunk_decided_and_unspoken_dangers_are_crises_of_their_kind(
    analyzer: Analyzer, text: str, kind: str
) -> None:
    assert_crisis_of_kind(analyzer, text, kind)


@pytest.mark.parametrize(
    "text",
    [
        # a small child's words, reported
        "Mein Sohn hat gesagt ich will sterben, weil er nicht mehr fernsehen durfte, er ist 5.",
        # paperwork that "kills", an "oh no" emoji
        "the Kindergeld form is killing me, can someone help me fill it in?",
        "dieses Formular bringt mich um 🙈 wer hilft beim Elterngeld?",
        # "he" is the toddler named just before
        "my 2 year old hits me when he is tired, is that normal?",
        "the baby threw up violently after feeding, she is 3 months, is that normal?",
    ],
)
def test_reported_words_paperwork_and_a_toddler_called_he_are_no_alarm(
    analyzer: Analyzer, text: str
) -> None:
    result = analyzer.analyze(text)
    assert not result.crisis and result.safety is None, text


def test_a_small_childs_words_are_reported_but_a_teenagers_are_heard(analyzer: Analyzer) -> None:
    teenager = analyzer.analyze("Meine Tochter hat gesagt, sie will sterben. Sie ist 15.")
    assert teenager.crisis and teenager.crisis_kind == "suicide"


@pytest.mark.parametrize(
    "text",
    [
        # asked by a relative how to help: told, not happening to the writer now
        "Ihr Freund schlägt meine Schwester, wie kann ich ihr helfen?",
        # "now" that is calm: he sleeps, he apologises
        "er hat mich gestern geschlagen, jetzt schläft er",
        "last week he hit me in front of the kids, now he apologizes all the time",
        # followed, and afraid
        "a man keeps following me to the kita every day, I'm scared",
    ],
)
def test_violence_told_helped_or_calm_now_shows_the_helpline_not_the_alarm(
    analyzer: Analyzer, text: str
) -> None:
    assert_helpline_not_alarm(analyzer, text)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # waters broken in pregnancy, too early
        ("Fruchtblase ist gerade geplatzt, bin erst in der 32. Woche", "medical"),
        ("my water broke and i'm only 30 weeks, what do i do", "medical"),
        ("odeszły mi wody, dopiero 33 tydzień, jestem sama", "medical"),
        ("نزلت المية وانا بالشهر السابع، جوزي مش هون", "medical"),
        # a scald that blisters
        ("Wasserkocher umgeworfen, heißes Wasser auf der Hand, es bilden sich Blasen", "medical"),
        ("kaynar su döküldü kızımın bacağına, su topladı", "medical"),
        ("окріп на ніжку, шкіра злазить, йому рік", "medical"),
        # a fall on the head, then vomiting or drowsiness
        ("she fell off the bed onto her head and has vomited twice since", "medical"),
        ("il est tombé sur la tête, maintenant il est très somnolent", "medical"),
        ("pesaram az pele oftad, sar esh khord, do bar bala avorde", "medical"),
        # a drunk or high carer in charge of a baby
        ("mein Mann ist total betrunken und allein mit dem Baby, ich bin arbeiten", "child_danger"),
        ("kocam sarhoş, bebek kucağında, ben iş yerindeyim", "child_danger"),
        ("partenerul meu e drogat și rămâne cu bebelușul, eu sunt la serviciu", "child_danger"),
        # a goodbye: to the children, or from someone who cannot be reached
        (
            "meine Schwester schrieb 'verzeiht mir, kümmert euch um die Kleine' und geht nicht"
            " ans Telefon",
            "suicide",
        ),
        ("ma soeur a écrit « prenez soin de mon fils », elle ne répond plus", "suicide"),
        ("am hotarat. maine nu voi mai fi, aveti grija de baiatul meu", "suicide"),
        ("Я всё решила, меня не будет, позаботьтесь о дочке", "suicide"),
        # armed and threatening, though not this minute; choked minutes ago
        ("er ist betrunken, hat eine Axt in der Hand und sagt, heute wird abgerechnet", "violence"),
        ("he grabbed me by the throat ten minutes ago and is in the kitchen now", "violence"),
    ],
)
def test_early_waters_scalds_head_falls_drunk_carers_and_goodbyes_are_crises(
    analyzer: Analyzer, text: str, kind: str
) -> None:
    assert_crisis_of_kind(analyzer, text, kind)


@pytest.mark.parametrize(
    "text",
    [
        # blisters from shoes; a bump and a child who plays; coffee while breastfeeding
        "my son has blisters on his feet from the new shoes, what cream helps?",
        "Sie ist vom Sofa gefallen und hat sich den Kopf gestoßen, spielt aber ganz normal weiter",
        "wie viel Kaffee darf ich beim Stillen trinken?",
        # at work while the father watches the baby; medicine questions
        "I'm back at work and my husband is alone with the baby, is there a dads' group?",
        "Kleinkind hat Fieber, wie viele Fiebertabletten darf ich geben?",
        "Combien de comprimés de paracétamol pour un enfant de 3 ans ?",
        "bugün eczaneden oğlum için hap aldım, ateşi var, ne kadar vereyim?",
    ],
)
def test_blisters_bumps_coffee_and_medicine_questions_are_no_alarm(
    analyzer: Analyzer, text: str
) -> None:
    assert not analyzer.analyze(text).crisis, text


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # affairs put in order: things given away, the children provided for, a last night
        ("hab alles verschenkt. wer kümmert sich dann um meinen Sohn?", "suicide"),
        ("who will take my kids? tonight is my last night", "suicide"),
        ("Раздала вещи, собаку отдала. Скоро никому не буду мешать", "suicide"),
        ("kızımı anneme bıraktım. herkes hakkını helal etsin", "suicide"),
        ("J'ai fini d'écrire les lettres. Qui prendra mes enfants ?", "suicide"),
        # a rope and no answer; a goodbye from a roof
        ("mój mąż wziął sznur, poszedł do piwnicy i nie odpowiada", "suicide"),
        ("tell my kids mama loves them. I'm up on the roof", "suicide"),
        # breathing hard and grey; a fall on the back of the head; pills eaten, sleepy
        ("Baby 6 Wochen, die Lippen sind bläulich und er atmet so komisch", "medical"),
        ("упал с кровати, ударился затылком, его вырвало", "medical"),
        ("дочь нашла мои таблетки, не знаю сколько съела, очень сонная", "medical"),
        ("I'm 26 weeks and there is water running down my legs", "medical"),
        ("Baby 6 Wochen, hat seit 2 Tagen Fieber", "medical"),
        # children locked in; a carer drunk at the wheel or on crack
        ("he locked the kids in the basement and left", "child_danger"),
        ("baiatul meu de 2 ani e singur acasa si eu sunt blocata la munca", "child_danger"),
        ("il est complètement saoul et il conduit avec le petit", "child_danger"),
        ("my partner is smoking crack and he is looking after the twins", "child_danger"),
        # a weapon fetched or loaded; screams for help; someone broken in
        ("he threw a chair at me and now he is loading his rifle", "violence"),
        ("Rzucił we mnie krzesłem, a teraz szuka w szafie broni", "violence"),
        ("next door a woman is screaming for help, I hear thuds", "violence"),
        ("her ex broke in and is smashing everything, shouting he will kill her", "violence"),
    ],
)
def test_affairs_in_order_ropes_grey_babies_locked_children_and_fetched_weapons_are_crises(
    analyzer: Analyzer, text: str, kind: str
) -> None:
    assert_crisis_of_kind(analyzer, text, kind)


@pytest.mark.parametrize(
    "text",
    [
        # almost swallowed; a bump without vomiting; homework that "kills"; an article read
        "he nearly put a coin in his mouth but I took it away, how do I childproof?",
        "kizim masaya kafasini carpti, kusma falan yok, oynuyor. ne yapayim",
        "اليوم بدي انتحر من هالواجبات 🤯 كيف بساعد بنتي تركّز؟",
        "I read an article about cot death and now I keep checking her breathing",
        # things given away, a will: no goodbye
        "I gave away all my old maternity clothes, where can I get a bigger pram?",
        "Wer kümmert sich um die Kinder, wenn mir was passiert? Wir wollen ein Testament machen",
        # a cough for some days, no fever: a duration is no newborn's age, the fever denied
        "my son is 4, cough for 3 days and fever 38.5, which paediatrician is open?",
        "Tușește de 3 zile fetița de 4 ani, fără febră, mănâncă bine",
        "kashlq ot 2 dni, nqma temperatura, qde i spi normalno",
        # a carer's habit told, and "she looks after my kids" is no goodbye
        "my mum drinks every day and she looks after my kids while i work. what do i do",
        "My mum is using again. She looks after my kids sometimes and I don't know what to do",
        # a parent alone with the child, not a child alone
        "پدر طفل‌ها ما را ترک کرده، خودم تنها هستم و پول کرایه را ندارم",
        "der vater ist weg und ich bin allein mit dem baby",
        # papers in a town on the Rhine; a son who hits other children; taken in time
        "ndihmë me letrat për Elterngeld në Monheim am Rhein",
        "djali i rreh fëmijët e tjerë në park, si të reagoj",
        "took the button battery off her before it got near her mouth, how do I hide them?",
        "at what age can kids swallow tablets?",
    ],
)
def test_near_swallowing_harmless_bumps_idioms_and_wills_are_no_alarm(
    analyzer: Analyzer, text: str
) -> None:
    assert not analyzer.analyze(text).crisis, text


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # a letter left, at a window high up; a height tonight; a rope bought
        (
            "I left a letter for my husband on the table. I'm at the window on the top floor",
            "suicide",
        ),
        ("bu gece binanin catisina cikicam, her sey kendiliginden cozulur", "suicide"),
        ("kupih si vaje dnes, ostavih pismo na deteto", "suicide"),
        # everything ready tonight, a goodbye; won't come back
        ("Everything is prepared for tonight. Thanks for everything", "suicide"),
        ("Sonte shkoj te liqeni dhe nuk kthehem më. Mos më kërkoni", "suicide"),
        # a carer drunk and not getting up; a child left with a drinking boyfriend
        ("annem yine cok icti, yerde yatiyo kalkmiyo, bebek 5 aylik agliyo", "child_danger"),
        # pills swallowed by a toddler who still plays: harm may come later
        (
            "my 2 year old ate some of my iron pills, maybe 10, now she is playing normally",
            "medical",
        ),
        # hit minutes ago and coming back; a plea, then no answer, a gun
        ("he punched me 5 minutes ago, went out for a smoke and will be back", "violence"),
        (
            "my sister wrote 'help me' and doesn't answer any more, he threatened her with a gun",
            "violence",
        ),
        ("neighbour here: downstairs a man shouts he will stab her, the kids scream", "violence"),
    ],
)
def test_letters_at_a_height_ropes_carers_on_the_floor_and_returning_attackers_are_crises(
    analyzer: Analyzer, text: str, kind: str
) -> None:
    assert_crisis_of_kind(analyzer, text, kind)


def test_control_told_beside_an_arrival_a_year_ago_still_shows_the_helpline(
    analyzer: Analyzer,
) -> None:
    text = "Mon mari garde ma carte bancaire et lit mes messages. Je suis arrivée il y a un an."
    assert_helpline_not_alarm(analyzer, text)


@pytest.mark.parametrize(
    "text",
    [
        "Mein Baby schreit die ganze Nacht",
        "bebeğim bütün gece ağlıyor",
        "bebe plange toata noaptea",
        "ребенок кричит всю ночь",
    ],
)
def test_a_baby_crying_all_night_is_no_alarm_but_a_crying_need(
    analyzer: Analyzer, text: str
) -> None:
    result = analyzer.analyze(text)
    assert not result.crisis, text
    assert "crying_sleep" in result.needs, text


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # a child gone for some time, searched for
        (
            "Mein Sohn (5) ist im Freibad verschwunden, wir suchen seit 20 Minuten",
            "child_danger",
        ),
        ("ma fille de 6 ans n'est pas rentrée de l'école, ça fait une heure", "child_danger"),
        ("oğlum 3 yaşında AVM'de kayboldu, 10 dakikadır her yere baktım", "child_danger"),
        # a headache with flashes, or the unborn baby still, late in pregnancy
        ("schwanger in der 34. Woche, starke Kopfschmerzen und ich sehe Sterne", "medical"),
        ("hamileyim 33 hafta, başım çok ağrıyor, gözlerim kararıyor", "medical"),
        ("ich bin schwanger, 36. Woche, das Baby bewegt sich nicht mehr im Bauch", "medical"),
        # a baby wheezing and bluish; a sleeping pill given, the child not waking
        ("my 3 month old is wheezing and her lips look bluish", "medical"),
        ("grandma gave my son a sleeping pill to calm him, now he doesn't wake up", "medical"),
        # affairs settled and the child provided for; a goodbye by the railway
        (
            "I've paid next month's rent and cancelled my phone contract. Who will take my son?",
            "suicide",
        ),
        ("Am plătit chiria și am scris la bancă. Cine o să aibă grijă de fetiță?", "suicide"),
        ("ich stehe an den Gleisen. Passt auf meine Kinder auf", "suicide"),
        # a threat for tonight; found and waiting outside; a cry for help next door
        ("he said if I come home tonight I won't get out alive", "violence"),
        ("my ex found our address and is sitting in his car outside the house", "violence"),
        ("Из квартиры напротив женщина кричит «помогите», слышны удары", "violence"),
        (
            "my sister whispered that her husband is strangling her, then the line went dead",
            "violence",
        ),
        # a carer high or drunk at the wheel with the child
        ("Mein Mann ist total zu und will mit dem Baby Auto fahren", "child_danger"),
    ],
)
def test_a_child_gone_signs_in_pregnancy_affairs_settled_and_threats_for_tonight_are_crises(
    analyzer: Analyzer, text: str, kind: str
) -> None:
    assert_crisis_of_kind(analyzer, text, kind)


@pytest.mark.parametrize(
    "text",
    [
        # thoughts told as over; a child found again; a pet or a rash gone
        "Last year I had suicidal thoughts after the birth, now I'm much better. A mothers' group?",
        "Last week my son got lost at the market for 5 minutes, we found him quickly. Any tips?",
        "our cat has been missing for 2 hours, the kids are crying",
        "my son had a rash, it disappeared after 2 hours, should I see a doctor?",
        "my daughter is 3, her teddy got lost at the Kita two hours ago and she cries non stop",
        # swollen feet in the heat; baby things given away; shouting without a cry for help
        "I'm 30 weeks pregnant and my feet are swollen in the heat, is that normal?",
        "Our son outgrew the cot, we'll give away the baby's clothes, we won't need them any more",
        "my husband shouts every evening, he doesn't hit, is there help for families of drinkers?",
        # a late message, an apology, a night without sleep
        "Verzeiht mir die späte Nachricht heute Nacht, das Baby schläft nicht",
        "sorry for the late message tonight, the baby won't sleep",
    ],
)
def test_thoughts_told_as_over_children_found_and_late_apologies_are_no_alarm(
    analyzer: Analyzer, text: str
) -> None:
    assert not analyzer.analyze(text).crisis, text


@pytest.mark.parametrize(
    "text",
    [
        "When he drinks he hits me, not every week. He's at work now. How can I talk to someone?",
        "Partner mnie bije, od kiedy zaszłam w ciążę. Teraz jest w delegacji do piątku.",
        "جوزي ضربني مبارح قدام الولاد وهلق راح عالشغل. خايفة يرجع المسا",
        "دیشب شوهرم منو زد، الان رفته سر کار. میترسم شب برگرده",
    ],
)
def test_violence_with_the_partner_away_now_shows_the_helpline_not_the_alarm(
    analyzer: Analyzer, text: str
) -> None:
    result = analyzer.analyze(text)
    assert not result.crisis, text
    assert result.safety == "violence", text


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # who takes the children if the mother dies, asked with a deadline
        ("Wer bekommt die Kinder, wenn die Mutter stirbt? Ich muss es heute wissen", "suicide"),
        ("if the mother dies who takes the children? I need to know before tonight", "suicide"),
        ("nëse nëna nuk është më, kush i merr fëmijët? pyes vetëm për çdo rast", "suicide"),
        # a fight heard through the ceiling, happening now
        (
            "oben bei den Nachbarn schreit eine Frau, es poltert und knallt, es passiert gerade",
            "violence",
        ),
        # a headache with spots late in pregnancy; a sting, a swollen face, hard breathing
        ("34 tydzień ciąży, głowa mi pęka i mam mroczki przed oczami", "medical"),
        ("my son 2 was stung by a wasp, his face is swollen and he is breathing hard", "medical"),
        ("Ich dachte er atmet nicht, er ist ganz blau und reagiert nicht!", "medical"),
    ],
)
def test_a_deadline_for_the_children_a_fight_heard_and_a_swollen_face_are_crises(
    analyzer: Analyzer, text: str, kind: str
) -> None:
    assert_crisis_of_kind(analyzer, text, kind)


@pytest.mark.parametrize(
    "text",
    [
        # a temperature after the jabs; a breath only feared to have stopped; the news
        "2 aylık aşılardan sonra ateşi 38 oldu, gülüyor ve emiyor, normal mi?",
        "Baby 6 Wochen, nach der Impfung 38 Grad, trinkt gut. Ist das normal?",
        "dishab fek kardam bacham nafas nemikeshe, raftam didam khor khor mikone, normale?",
        "Ich habe letzte Nacht gedacht er atmet nicht, aber er hat nur geschnarcht. Normal?",
        "I saw in the news a mother left her baby in a hot car, terrible. Do you only help babies?",
    ],
)
def test_a_fever_after_the_jabs_a_feared_breath_and_the_news_are_no_alarm(
    analyzer: Analyzer, text: str
) -> None:
    assert not analyzer.analyze(text).crisis, text


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # someone raging who comes at her now
        ("Er brüllt und wirft Teller, jetzt kommt er auf mich zu", "violence"),
        ("he is yelling and smashing things and now he's coming at me", "violence"),
        ("il hurle et casse tout, maintenant il fonce sur moi", "violence"),
        # French texting drops je's e
        ("jveux mourir", "suicide"),
        # a fall, then vomiting and drowsy, no head named; a seizure's rolled-up eyes
        (
            "Mein Kleiner ist vom Wickeltisch gefallen, hat zweimal erbrochen und ist ganz "
            "schläfrig",
            "medical",
        ),
        ("il a les yeux révulsés et il tremble, il a 1 an", "medical"),
        ("kızım düştü, uyandıramıyorum", "medical"),
        ("djali 3 vjeç hëngri tableta të gjyshes", "medical"),
        # a rope hidden beside the insurance for the children; a height, "how easy"
        (
            "Mein Mann versteckt ein Seil im Keller und sagt, die Versicherung zahlt dann für "
            "die Kinder",
            "suicide",
        ),
        ("I stand at the window on the 8th floor and think how easy it would be", "suicide"),
        (
            "Mein Baby verdient eine bessere Mutter. Jeden Tag bleibe ich an den Bahngleisen "
            "stehen",
            "suicide",
        ),
        # a goodbye, then a phone switched off; leaving forever, "look after the baby"
        (
            "my mum keeps saying she wants to die and tonight she said goodbye, her phone is "
            "off now",
            "suicide",
        ),
        ("sora mea a zis sa am grija de bebe ca pleaca pentru totdeauna", "suicide"),
        # a Kita question first, what happened today after it
        (
            "Ab wann nimmt die Kita Kinder? Heute habe ich ihn aufs Sofa geworfen und er ist "
            "mit dem Kopf gegen die Wand geknallt, er blutet",
            "child_danger",
        ),
        # the man downstairs beats the child now (Turkish object before the verb)
        ("Komşu adam çocuğu şu an dövüyor, çocuk bağırıyor", "violence"),
    ],
)
def test_raging_approaches_rolled_eyes_hidden_ropes_and_kita_questions_with_harm_are_crises(
    analyzer: Analyzer, text: str, kind: str
) -> None:
    assert_crisis_of_kind(analyzer, text, kind)


@pytest.mark.parametrize(
    "text",
    [
        # "hiç" is "at all", no "never" that cancels; a question of age alone
        "hiç anlamadım bu formları, Kindergeld için yardım eder misiniz",
        "Ab wann nimmt die Kita Kinder? Mein Sohn ist 2",
        "Die Versicherung zahlt die Hebamme doch, oder?",
        "Bebek düştü ama hemen ağladı, şimdi oynuyor, normal mi?",
        "Сметките ни задушават, какви помощи има?",  # the bills suffocate us
        "vreau sa-l mut din Kita, il loveste un alt copil si educatoarele nu fac nimic",
        "كنت فكرت بالانتحار لما كنت مراهقة، هلق الحمد لله منيحة من سنين. بدي دورة للأهل",
        "my son comes running at me every morning with a pillow haha",
    ],
)
def test_forms_age_questions_bills_and_other_childrens_blows_are_no_alarm(
    analyzer: Analyzer, text: str
) -> None:
    assert not analyzer.analyze(text).crisis, text


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # armed in the next room, she cannot speak
        (
            "He is in the kitchen with a knife, I can't talk, how do I call for help quietly?",
            "violence",
        ),
        # marks of harm, and the one who did it comes again tonight
        (
            "Mein Enkel (4) hat blaue Flecken am Rücken, der Freund seiner Mutter kommt heute "
            "Abend wieder, er will nicht nach Hause",
            "child_danger",
        ),
        # a pillow to silence the baby
        ("I want to put a pillow over his face so he stops crying. He is 3 weeks", "child_danger"),
        # limp and grey; the unborn baby still with a hard belly, no "pregnant" said
        ("Baby 4 Monate, ganz schlapp, reagiert nicht, grau im Gesicht", "medical"),
        ("32 wks, since lunch the baby hasn't moved and my belly is rock hard", "medical"),
        ("Син упав з ліжка годину тому і тепер не прокидається", "medical"),
        # a rope looked at today; the children provided for, tired of existing
        ("Сегодня опять смотрел на веревку в гараже", "suicide"),
        ("I planned who gets the kids' things if I'm gone. So tired of existing.", "suicide"),
        ("sestra mi kaza: ako ne se sabudi utre, da ne plachem za neq", "suicide"),
        # a small child alone while the parent works, today
        (
            "Meine Tochter (3) ist allein zu Hause bis 21 Uhr, ich bin auf der Arbeit, heute auch",
            "child_danger",
        ),
    ],
)
def test_silent_calls_marks_pillows_limp_grey_babies_and_ropes_looked_at_are_crises(
    analyzer: Analyzer, text: str, kind: str
) -> None:
    assert_crisis_of_kind(analyzer, text, kind)


@pytest.mark.parametrize(
    "text",
    [
        # years ago in Bulgarian ("години"), a pillow question, a shift planned, a fever alone
        "Преди години баща ми биеше майка ми, сега искам курс за родители",
        "Ab wann darf das Baby ein Kissen haben?",
        "Ich arbeite Schicht: wer passt auf meine Tochter (2) auf, damit sie nicht allein ist?",
        "Baby 5 Monate hat seit heute 38,5 Fieber, trinkt gut und lacht. Welcher Kinderarzt?",
    ],
)
def test_years_ago_pillows_shifts_and_a_fever_alone_are_no_alarm(
    analyzer: Analyzer, text: str
) -> None:
    assert not analyzer.analyze(text).crisis, text


@pytest.mark.parametrize(
    "text",
    [
        # the heat as the subject a few words before; thoughts as a teenager, long behind her
        "Die Hitze hier oben im Dachgeschoss bringt mich um, gibt es Hilfe beim Umzug?",
        "Jak byłam nastolatką, myślałam o samobójstwie, to dawno za mną. Szukam kursu dla rodzin.",
    ],
)
def test_a_thing_killing_me_and_thoughts_long_behind_are_no_alarm_nor_helpline(
    analyzer: Analyzer, text: str
) -> None:
    result = analyzer.analyze(text)
    assert not result.crisis and result.safety is None, text


def test_a_person_between_the_thing_and_the_threat_is_still_a_threat(analyzer: Analyzer) -> None:
    words = Message.of("Die Rechnungen stapeln sich und er sagt, er bringt mich um").words
    assert detect_safety(words, analyzer.lexicons) == "violence"  # the words, not the model


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # calm on a bridge; the rails and "call me now"; affairs settled twice over
        (
            (
                "Ich stehe auf der Brücke und schaue aufs Wasser, zum ersten Mal seit "
                "Wochen seltsam ruhig"
            ),
            "suicide",
        ),
        ("sitting on the platform letting the trains go by. can someone call me now", "suicide"),
        (
            (
                "Alle Schulden bezahlt, die Lebensversicherung rausgesucht. Geht das "
                "Kindergeld dann an meinen Mann?"
            ),
            "suicide",
        ),
        # a child left while the parent is out; not fed; disowned; in a car; no adult
        (
            "I left my 3 year old asleep in the flat and went to my nightshift, back at 7",
            "child_danger",
        ),
        (
            "Baby 6 Wochen, hab sie seit gestern nicht gefüttert, komme nicht aus dem Bett",
            "child_danger",
        ),
        (
            (
                "my wife keeps saying it isn't her baby and that it must go away, I'm "
                "scared to leave them"
            ),
            "child_danger",
        ),
        (
            "a man left his baby in the car outside the supermarket, it has been an hour already",
            "child_danger",
        ),
        ("There's a toddler at the playground, no adult in sight for half an hour", "child_danger"),
        # a belt, then silence; face down in the bath; her own week, the baby still
        (
            "he went into the children's room with the belt, now it has gone very quiet",
            "child_danger",
        ),
        (
            (
                "Turned away for a second in the bath, my son lay face down in the "
                "water, he coughs and is so pale. 1 year"
            ),
            "medical",
        ),
        ("je suis à 33 semaines et je sens plus le bébé bouger depuis hier", "medical"),
        # pills swallowed, eyes that will not open (Iraqi Arabic in Latin letters)
        ("binti bil3at 7ubub jaddat-ha, 3umra sana, ma tigdar tfatti7 3yunha", "medical"),
        # fled and he is outside; hiding while he kicks the door; coming tonight
        (
            (
                "Bin zu meiner Schwester geflohen, er hat grad ein Foto von ihrem Haus "
                "geschickt. Er ist draußen"
            ),
            "violence",
        ),
        ("he is kicking the door, we are hiding in the bathroom with the kids", "violence"),
        (
            "Mein Mann hat getrunken, kommt gleich heim und schrieb: heute Nacht wirst du sehen",
            "violence",
        ),
        # "no joke": the laughter words denied
        (
            (
                "je rigole pas, j'ai peur de moi, j'ai envie de le jeter par la "
                "fenêtre tellement il hurle"
            ),
            "child_danger",
        ),
        # "can't talk" and he is there, or hitting
        ("Can't talk right now. He is here.", "violence"),
        ("Не могу говорить, он тут, пишу из ванной", "violence"),
        # "if he cries again I don't know what I'll do to him", the child named or crying
        ("If he screams once more I don't know what I'll do to him. 6 weeks", "child_danger"),
        ("Wenn sie wieder schreit, weiß ich nicht, was ich ihr antue. 3 Monate", "child_danger"),
        ("ne zaman ağlasa ona ne yapacağımı bilmiyorum, bebeğim 2 aylık", "child_danger"),
        # afraid of oneself, eyes going dark with rage
        ("Kam frikë prej vetes, kur qan më errësohen sytë", "child_danger"),
        # I threw the baby (the baby is whom, not who)
        ("Ich hab das Baby eben aufs Sofa geworfen, ich zittere", "child_danger"),
        # marks on a child and "she deserved it" from who did it
        ("His gf sent a photo of my son's bruised arm: he deserved it. He is 4", "child_danger"),
        # drunk, smashing things, a threat for the night
        ("Hat wieder getrunken, zerschlägt alles: ich werde den Morgen nicht erleben", "violence"),
        # a rope, no way out; pills bought, no way out
        ("Today I took the rope down to the cellar. I see no way out", "suicide"),
        ("Am cumpărat somnifere azi, nu mai văd nicio ieșire", "suicide"),
        # the unborn: sharp pain low in the belly early in pregnancy
        ("8 неделя беременности, резкая боль внизу живота и кружится голова", "medical"),
        # hit, then off to the kitchen to fetch something
        ("He hit me in front of the kids, now went to the kitchen to get something", "violence"),
        # his own words that he is coming now, after finding her or hurting her before
        ("Er hat mich gefunden, weiß wo ich wohne, schreibt: ich komme jetzt", "violence"),
        # a threat shouted drunk
        ("Mein Mann ist besoffen und brüllt, dass er uns alle kalt macht", "violence"),
        # a letter left and a message for the child
        ("I left a letter in the kitchen. Tell my son I love him", "suicide"),
        # afraid of one's own hands beside the crying
        ("I can't bear the crying any more, I'm afraid of my own hands", "child_danger"),
        # limp and staring, breathing hard and grey, a twitching hand
        ("mój synek 4 mies zwiotczał i łapie powietrze, jest szary na buzi", "medical"),
        ("she is floppy like a ragdoll and just stares, 9 months old", "medical"),
    ],
)
def test_heights_threats_for_tonight_silent_calls_and_ragdoll_babies_are_crises(
    analyzer: Analyzer, text: str, kind: str
) -> None:
    result = analyzer.analyze(text)
    assert (result.crisis, result.crisis_kind) == (True, kind), text


@pytest.mark.parametrize(
    "text",
    [
        # choked with laughter; a bleeding that stopped; a seizure last year; a husband at work
        "Sie hat sich vor Lachen verschluckt und gehustet, jetzt ist alles gut. Ab wann Stückchen?",
        (
            "He fell off his bike, lots of blood at first but the bleeding stopped "
            "with a plaster. Tetanus jab?"
        ),
        "Letztes Jahr hatte sie einen Fieberkrampf, seitdem nicht mehr. Darf sie in die Kita?",
        "My husband works from morning to night, I'm exhausted with two kids and can't cope alone",
        # a vitamin D tablet swallowed; a pain like a knife; a habit of an adult
        "Mein Sohn hat seine Vitamin D Tablette ohne Wasser geschluckt, ist das schlimm?",
        "Mă doare sânul când alăptez, parcă mă taie cu cuțitul. E normal?",
        "My partner smokes weed every day and is then not responsive, I worry about the kids",
        # a paper that "kills me", the child playing cops; laughing fits
        "el wara2 bta3 el Kindergeld hay2telni, meen ysa3edni?",
        "Mój młody bawi się w policjantów i krzyczy zabiję cię do siostry, normalne?",
        "il a des fous rires à s'en étouffer 😂 des idées de jeux pour 2 ans ?",
        # a nosebleed that stopped; a film; heat idioms; breastfeeding "kills me"
        "Gjaku i hundës u ndal pas dy minutash, a duhet ta çoj te mjeku?",
        "I watched a film where a mother hurt her baby and now I can't stop thinking of it",
        "la paperasse va me tuer, c'est le 3e formulaire pour le Kindergeld",
        "our 4 yr old throws tantrums and hits me when I say no, any parenting course?",
    ],
)
def test_laughter_stopped_bleedings_vitamin_tablets_and_films_are_no_alarm(
    analyzer: Analyzer, text: str
) -> None:
    assert not analyzer.analyze(text).crisis, text


@pytest.mark.parametrize(
    "text",
    [
        # hits whenever drunk, the beater named words before; a tracker on the car
        "My husband drinks and whenever he is drunk he hits me. He's asleep now.",
        "Found a GPS tracker on my car, we separated in March. My son is 5",
        "He calls every night from a hidden number and tells me what I wore today",
        "Je recois des appels d'un numéro masqué, il sait ce que je portais",
        "Mein Ex steht jeden Morgen mit seinem Auto vor der Kita. Wir sind getrennt",
        "Мій колишній вийшов з тюрми минулого тижня, я боюся",
        "Mój były wyszedł z więzienia w zeszłym tygodniu, boję się",
        "Seine Mutter schickt Sprachnachrichten: du wirst es bereuen, die Familie regelt das",
        "My ex parks outside our building every day and sends pics of my windows",
        "Mój były złapał mnie za włosy w zeszłym tygodniu",
        "Роднините натискат дъщеря ми да се омъжи, тя е на 16",
    ],
)
def test_drunken_blows_trackers_hidden_numbers_and_parked_cars_show_the_helpline(
    analyzer: Analyzer, text: str
) -> None:
    assert_helpline_not_alarm(analyzer, text)
