/** The bot's own words in Spanish, French, German, Portuguese and Italian (see wording.ts). */
export const EUROPEAN_WORDING = {
  es: {
    noAnswer: 'Lo siento, no sé la respuesta a eso.',
    pickOne: '¿Quisiste decir alguna de estas opciones?',
    talkToHuman: 'Hablar con una persona',
    leaveEmail: 'Dejar mi correo',
    quoteIntro: (title: string) => `Esto dice nuestro artículo de ayuda «${title}»:`,
    stillNoAnswer: 'Lo siento, sigo sin poder ayudarte con eso.',
    offerHuman: '¿Quieres hablar con alguien de nuestro equipo?',
    offerEmail:
      'Ahora mismo no hay nadie de nuestro equipo conectado, pero puedes dejar tu correo y te responderemos.',
    handoffRequested: 'Claro.',
    handoffUpset: 'Lo siento mucho.',
    connecting: 'Te estoy poniendo en contacto con alguien de nuestro equipo.',
    inQueue:
      'Estás en la cola: alguien de nuestro equipo te atenderá en breve. Mientras tanto, respondo lo que pueda.',
    nobodyOnline: 'Hasta que alguien de nuestro equipo te responda, respondo lo que pueda.',
    slotNotFound: 'Lo siento, no lo encontré en tu mensaje.',
    slotGaveUp:
      'Lo siento, sigo sin encontrarlo, así que no puedo ayudarte con esto aquí. Puedo ponerte en contacto con alguien de nuestro equipo.',
    actionFailed: 'Lo siento, ahora mismo no he podido comprobarlo.',
  },
  fr: {
    noAnswer: 'Désolé, je ne connais pas la réponse.',
    pickOne: 'Vouliez-vous dire l’une de ces options ?',
    talkToHuman: 'Parler à une personne',
    leaveEmail: 'Laisser mon e-mail',
    quoteIntro: (title: string) => `Voici ce que dit notre article d’aide « ${title} » :`,
    stillNoAnswer: 'Désolé, je ne peux toujours pas vous aider sur ce point.',
    offerHuman: 'Souhaitez-vous parler à un membre de notre équipe ?',
    offerEmail:
      'Personne de notre équipe n’est en ligne pour le moment, mais vous pouvez laisser votre e-mail et nous vous répondrons.',
    handoffRequested: 'Bien sûr.',
    handoffUpset: 'Je suis vraiment désolé.',
    connecting: 'Je vous mets en relation avec un membre de notre équipe.',
    inQueue:
      'Vous êtes dans la file d’attente : un membre de notre équipe vous répondra bientôt. En attendant, je réponds à ce que je peux.',
    nobodyOnline:
      'En attendant qu’un membre de notre équipe vous réponde, je réponds à ce que je peux.',
    slotNotFound: 'Désolé, je ne l’ai pas trouvé dans votre message.',
    slotGaveUp:
      'Désolé, je ne le trouve toujours pas, je ne peux donc pas vous aider ici. Je peux vous mettre en relation avec un membre de notre équipe.',
    actionFailed: 'Désolé, je n’ai pas pu vérifier cela pour le moment.',
  },
  de: {
    noAnswer: 'Das weiß ich leider nicht.',
    pickOne: 'Meinten Sie eines davon?',
    talkToHuman: 'Mit einem Menschen sprechen',
    leaveEmail: 'E-Mail hinterlassen',
    quoteIntro: (title: string) => `Das steht in unserem Hilfeartikel „${title}“:`,
    stillNoAnswer: 'Leider kann ich Ihnen dabei immer noch nicht helfen.',
    offerHuman: 'Möchten Sie mit jemandem aus unserem Team sprechen?',
    offerEmail:
      'Gerade ist niemand aus unserem Team online, aber Sie können Ihre E-Mail hinterlassen und wir melden uns.',
    handoffRequested: 'Gern.',
    handoffUpset: 'Das tut mir sehr leid.',
    connecting: 'Ich verbinde Sie mit jemandem aus unserem Team.',
    inQueue:
      'Sie sind in der Warteschlange: Gleich meldet sich jemand aus unserem Team. Bis dahin beantworte ich, was ich kann.',
    nobodyOnline: 'Bis sich jemand aus unserem Team meldet, beantworte ich, was ich kann.',
    slotNotFound: 'Das habe ich in Ihrer Nachricht leider nicht gefunden.',
    slotGaveUp:
      'Ich finde es leider immer noch nicht und kann Ihnen hier nicht weiterhelfen. Ich kann Sie mit jemandem aus unserem Team verbinden.',
    actionFailed: 'Entschuldigung, das konnte ich gerade nicht nachsehen.',
  },
  pt: {
    noAnswer: 'Desculpe, não sei a resposta para isso.',
    pickOne: 'Quis dizer alguma destas opções?',
    talkToHuman: 'Falar com uma pessoa',
    leaveEmail: 'Deixar meu e-mail',
    quoteIntro: (title: string) => `Veja o que diz o nosso artigo de ajuda «${title}»:`,
    stillNoAnswer: 'Desculpe, ainda não consigo ajudar com isso.',
    offerHuman: 'Quer falar com alguém da nossa equipe?',
    offerEmail:
      'Ninguém da nossa equipe está online agora, mas você pode deixar seu e-mail e nós responderemos.',
    handoffRequested: 'Claro.',
    handoffUpset: 'Sinto muito por isso.',
    connecting: 'Estou pondo você em contato com alguém da nossa equipe.',
    inQueue:
      'Você está na fila: alguém da nossa equipe vai atendê-lo em breve. Enquanto isso, respondo o que puder.',
    nobodyOnline: 'Até alguém da nossa equipe responder, respondo o que puder.',
    slotNotFound: 'Desculpe, não encontrei isso na sua mensagem.',
    slotGaveUp:
      'Desculpe, ainda não encontrei, então não posso ajudar com isso aqui. Posso pôr você em contato com alguém da nossa equipe.',
    actionFailed: 'Desculpe, não consegui verificar isso agora.',
  },
  it: {
    noAnswer: 'Mi dispiace, non conosco la risposta.',
    pickOne: 'Intendevi una di queste?',
    talkToHuman: 'Parla con una persona',
    leaveEmail: 'Lascia la mia email',
    quoteIntro: (title: string) => `Ecco cosa dice il nostro articolo di aiuto «${title}»:`,
    stillNoAnswer: 'Mi dispiace, non riesco ancora ad aiutarti su questo.',
    offerHuman: 'Vuoi parlare con qualcuno del nostro team?',
    offerEmail:
      'Al momento nessuno del nostro team è online, ma puoi lasciare la tua email e ti risponderemo.',
    handoffRequested: 'Certo.',
    handoffUpset: 'Mi dispiace molto.',
    connecting: 'Ti sto mettendo in contatto con qualcuno del nostro team.',
    inQueue:
      'Sei in coda: qualcuno del nostro team ti risponderà a breve. Nel frattempo, rispondo a quello che posso.',
    nobodyOnline: 'Finché qualcuno del nostro team non ti risponde, rispondo a quello che posso.',
    slotNotFound: 'Mi dispiace, non l’ho trovato nel tuo messaggio.',
    slotGaveUp:
      'Mi dispiace, non lo trovo ancora, quindi non posso aiutarti qui. Posso metterti in contatto con qualcuno del nostro team.',
    actionFailed: 'Mi dispiace, non sono riuscito a verificarlo in questo momento.',
  },
};
