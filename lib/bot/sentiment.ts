import type { SiteLanguage } from '@/lib/schemas/site';

/**
 * Signs that a visitor is upset with the service, weighted: a strong sign (anger, a complaint,
 * a threat to leave or to sue, abuse) makes the visitor upset; weaker ones (a harsh word, "!!",
 * shouting, "really disappointed") together make them displeased. Neutral words of trouble
 * ("lost", "cancel", "still pending", "fraud", "refund") are deliberately absent: a customer with
 * a problem is not an upset customer, and handing every problem to a person defeats the bot.
 *
 * Measured with `npm run bench:handoff` (developed on BANKING77 and CLINC150 train, SMP2020
 * train; measured once on BANKING77 test, CLINC150 val, SMP2020 val and our complaint sets —
 * numbers in the README).
 */
interface Sign {
  pattern: RegExp;
  weight: number;
}

const STRONG = 2;
const WEAK = 1;
/** The sum of weak signs' weights at which a message reads as displeased. */
const UPSET_AT = 2;

const ENGLISH: Sign[] = [
  // Anger and exasperation, said outright.
  {
    pattern:
      /\b(angry|furious|livid|fuming|pissed|outraged|infuriat\w*|enraged|irate|mad at|so mad|fed up|sick (of|and tired)|(i'?ve|i have|we'?ve|we have) had enough|enough is enough|exasperat\w*|disgust\w*|appall\w*|disgrace\w*|horrified|unbelievable|ridiculous|absurd|outrageous|unacceptable|insane|pathetic|useless|incompetent|clueless|shameful|shame on you|hopeless|(is|what|are|a total|a complete|an absolute|total|complete|absolute) (a )?(joke|scam|rip[- ]?off|disgrace|shambles)|you are a joke|end of my (rope|tether)|(you|they) lied|(was|is) a lie|(you'?re|you are) lying|liars|compensation|hate (you|this|your|the way)|scammers|thieves|crooks|liars|rip[- ]?off|ripped (me )?off|robbed|rude)\b/i,
    weight: STRONG,
  },
  // Displeasure, which needs company: at the service itself, or with another sign.
  {
    pattern:
      /\b((not|never|n't|hardly) (at all )?(very |so |too )?(happy|satisfied|pleased|acceptable|ok|okay|good enough|impressed|fair)|frustrat\w*|annoy\w*|irritat\w*|upset|unhappy|dissatisfied|disappoint\w*)\b/i,
    weight: WEAK,
  },
  // Displeasure said with force: "extremely disappointed", "really frustrated".
  {
    pattern:
      /\b(extremely|really|very|so|quite|incredibly|deeply|totally|utterly|beyond|absolutely|seriously|super) (frustrat\w*|annoy\w*|irritat\w*|upset|unhappy|dissatisfied|disappoint\w*)\b/i,
    weight: WEAK,
  },
  // Swearing.
  {
    pattern:
      /\bf\*{2,}|\bs\*{2,}t|\b(f+u+c+k\w*|f\*+k?\w*|wtf|shit\w*|bullshit|bs|piss\w*|screw (you|this|that|it)|arse|assholes?|bastards?|idiots?|morons?)\b/i,
    weight: STRONG,
  },
  // Milder words, said of the service itself ("your app is crap", "this service sucks").
  {
    pattern:
      /\b((you|your \w+|this (service|app|website|site|shop|store|company|bank|support)|(service|support|app|website|site|company)) (is |are )?(crap|rubbish|garbage|junk|sucks?|stupid|dumb))\b/i,
    weight: STRONG,
  },
  // Mild swearing at a thing ("this damn card", "the stupid ATM") needs company.
  {
    pattern: /\b(crap\w*|damn\w*|goddamn|bloody|sucks?|stupid|dumb)\b/i,
    weight: WEAK,
  },
  // Complaints, managers, the law, the press.
  {
    pattern:
      /\b(complain\w*|complaint|grievance|(speak|talk) to (a |your |the )?(manager|supervisor|someone in charge)|escalat\w*|sue (you|your|them|the company|this)|suing|lawyer|attorney|legal action|small claims|ombudsman|better business bureau|bbb|trading standards|report (you|this company|your company)|bad review|1[- ]star|one[- ]star|trustpilot|warn (everyone|others|people))\b/i,
    weight: STRONG,
  },
  // Threats to leave.
  {
    pattern:
      /\b(never (again|(use|buy|order|shop|bank|recommend|return|deal)(ing)?|come back|coming back)|take my (business|money|custom) elsewhere|(taking|going) (my business )?elsewhere|switch(ing)? to (another|a different) (bank|company|provider|shop|store|service)|(switch(ing)?|go(ing)?) to (a|your) competitor|(i'?m|i am) (leaving|done with (you|this|your))|lost (a|my|another) customer|last time i (use|order|buy|shop|bank)|won'?t (be )?(using|use|buying|buy|ordering|order|shopping|shop|recommend\w*|come back|coming back)|(closing|close|cancel\w*) my account (because|since|after|thanks to|if)|(terrible|horrible|awful|shocking|appalling|atrocious|rubbish|lousy|poor|bad|dreadful|worst) (customer )?(service|support|experience|company|shop|store|bank|app|website)|or (i'?m|i am|i will|i'll) (cancel\w*|leav\w*|clos\w*|report\w*|su\w+|going elsewhere)|(telling|tell|warning|warn) (everyone|others|people|all my friends)|worst (service|bank|company|experience|app|support|customer service|shop|store|ever))\b/i,
    weight: STRONG,
  },
  // Rhetorical exasperation.
  {
    pattern:
      /\b(are you (kidding|serious|joking|insane)|you (must|have got to|gotta) be kidding|how (hard|difficult) (can it|is it) (be )?to|is anyone (even )?(there|listening|reading)|waste of (my )?(time|money)|how many (more )?times (do|must|have|will) (i|we) (have to )?(tell|ask|call|explain|say|repeat|write|contact)\w*|for the (\d+\w*|second|third|fourth|fifth|tenth|hundredth|umpteenth|millionth) time|again and again|every single time|no one (ever )?(has )?(replies|replied|responds|responded|answers|answered|helps|helped|cares|bothers|gets back|got back|called)|nobody (ever )?(has )?(replies|replied|responds|responded|answers|answered|helps|helped|cares|bothers|gets back|got back|called))\b/i,
    weight: STRONG,
  },
  // Harsh words that need company: "terrible", "awful", "hate", "seriously", "over and over".
  {
    pattern:
      /\b(terrible|horrible|horrendous|awful|atrocious|dreadful|appalling|worst|hate|hated|lousy|poor service|shocking|nightmare|mess|seriously|ignored|ignoring|what the (hell|heck)|over and over)\b/i,
    weight: WEAK,
  },
  // "!!", "?!", "???": raised voice in punctuation.
  { pattern: /!{2,}|\?!|!\?|\?{3,}/, weight: WEAK },
];

const CHINESE: Sign[] = [
  // Anger, disappointment, disgust.
  {
    pattern:
      /生气|气死|愤怒(?!的小鸟)|火大|恼火|恶心|失望|受够|忍无可忍|无语|崩溃|烦死|烦不烦|要疯了|不满意|很不满|非常不满|十分不满|极其不满|太不满|表示不满|不满足|不高兴|不开心|郁闷|窝火|离谱|过分|寒心|凭什么|搞什么|(差|烂|垃圾)的?(服务|态度|质量|东西|产品)|不像话|岂有此理|太差|差劲|很差|真差|极差|烂透|太烂|真烂|糟透|糟糕透|一塌糊涂|不靠谱|不负责|没良心|黑心|无良|奸商|骗子|骗人|骗钱|欺骗|欺诈|坑人|坑爹|坑钱|被坑|耍我|忽悠|敷衍|推卸|踢皮球|态度[^，。！？,.!?]{0,4}(差|恶劣|不好|冷漠|敷衍)|服务[^，。！？,.!?]{0,4}(差|烂|垃圾|恶劣)|效率[^，。！？,.!?]{0,4}(低|差)/,
    weight: STRONG,
  },
  // Abuse and swearing ("垃圾" but not garbage sorting, bins or spam).
  {
    pattern:
      /垃圾(?!分类|桶|箱|袋|短信|邮件|回收|处理|站|车|场|食品|话)|什么破|破(玩意|东西|服务|系统|软件|app|网站|店)|他妈|(?<![我你他她老亲爸姑姨舅妈])妈的|尼玛|卧槽|我靠|我操|操你|傻逼|傻[Bb]|\b[Ss][Bb]\b|智障|白痴|废物|滚蛋|滚开|给我滚|你们?有病|脑子(进水|有病|有问题)|去死/,
    weight: STRONG,
  },
  // Complaints, authorities, lawyers, reviews, threats to leave.
  {
    pattern:
      /投诉|举报|曝光|消协|消费者协会|12315|工商局|律师|起诉|告你们|法院|维权|讨(个)?说法|给(我)?(个|一个)说法|差评|再也不(会)?(买|用|来|信)|不会再(买|用|来)|卸载|退钱|赔钱|赔偿|换(一)?家|找你们(领导|经理|老板)|(叫|找)(你们)?(领导|经理|主管|负责人)/,
    weight: STRONG,
  },
  // Repeated frustration.
  {
    pattern:
      /多少次|(第|好)[二三四五六七八九十几\d]+次|几次了|说了(多少|几)遍|一直没人|没人(管|理|回|处理|接)|(都|已经)[^，。！？,.!?]{0,6}(几|好几|多)(天|周|个星期|个月)了/,
    weight: STRONG,
  },
  // Needs company: "到底", "怎么还", "还没", "！！".
  { pattern: /到底|究竟|怎么回事/, weight: WEAK },
  { pattern: /怎么还|怎么又|为什么还|还没|又是/, weight: WEAK },
  {
    pattern: /等了(好|半|一|两|三|几|多|\d)+[^，。！？,.!?]{0,3}(天|周|星期|月|小时)/,
    weight: WEAK,
  },
  { pattern: /^\s*滚[!！。.]*\s*$/, weight: STRONG },
  { pattern: /[！!]{2,}|[？?][！!]|[！!][？?]|[？?]{2,}/, weight: WEAK },
];

// Spanish, French, German, Portuguese and Italian: a few outright signs each (not measured), with
// the English ones that visitors mix in read as for any Latin-script message.
const outright = (pattern: RegExp): Sign[] => [{ pattern, weight: STRONG }];
const SIGNS: Record<SiteLanguage, Sign[]> = {
  en: ENGLISH,
  zh: CHINESE,
  es: outright(
    /\b(furioso|furiosa|enfadad[oa]|harto|harta|indignante|inaceptable|vergüenza|estafa|ladrones|denunciar|abogado|pésimo|nunca más)\b/i,
  ),
  fr: outright(
    /\b(furieux|furieuse|en colère|marre|inadmissible|inacceptable|honte|arnaque|voleurs|porter plainte|avocat|lamentable|plus jamais)\b/i,
  ),
  de: outright(
    /\b(wütend|sauer|verärgert|unverschämt|inakzeptabel|frechheit|betrug|abzocke|betrüger|anwalt|katastrophe|nie wieder)\b/i,
  ),
  pt: outright(
    /\b(furioso|furiosa|irritad[oa]|farto|farta|inaceitável|vergonha|golpe|ladrões|processar|advogado|péssimo|nunca mais)\b/i,
  ),
  it: outright(
    /\b(furioso|furiosa|arrabbiat[oa]|stufo|stufa|inaccettabile|vergogna|truffa|ladri|denunciare|avvocato|pessimo|mai più)\b/i,
  ),
};

/** Two capitalised words of three letters or more: shouting ("WHERE IS MY MONEY"). */
const SHOUTING = /\b[A-Z]{3,}\b[^a-z]*\b[A-Z]{3,}\b/;

/**
 * How the visitor sounds about the service. Upset — any strong sign: angry, complaining,
 * threatening to leave, swearing at the service, exasperated at repeating themselves — goes to a
 * person. Displeased — weaker signs only ("very disappointed", "really frustrating"): the bot
 * still answers what it knows, with an apology and a person offered, and hands off otherwise. A
 * customer with a problem and a question is not a customer who wants to stop talking to the bot.
 * English or Chinese signs are read whatever the site's language (a visitor may mix them in).
 */
export function upsetness(text: string, language: SiteLanguage): Upsetness {
  const signs = new Set(SIGNS[language]);
  if (/\p{Script=Han}/u.test(text)) CHINESE.forEach((sign) => signs.add(sign));
  if (/[a-z]{3}/i.test(text)) ENGLISH.forEach((sign) => signs.add(sign));
  let score = SHOUTING.test(text) ? WEAK : 0;
  for (const sign of signs) {
    if (!sign.pattern.test(text)) continue;
    if (sign.weight >= STRONG) return 'upset';
    score += sign.weight;
  }
  return score >= UPSET_AT ? 'displeased' : 'calm';
}

export type Upsetness = 'calm' | 'displeased' | 'upset';
