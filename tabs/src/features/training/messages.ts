import { defineMessages } from "@tandem/ui";

/**
 * The modules' content lives here, beside the view, in both languages. A module's body is a few short paragraphs
 * separated by blank lines.
 */
export const trainingMessages = defineMessages({
  en: {
    "training.title": "Mentor training",
    "training.intro":
      "Five short modules to read before your first session. They come from what makes reverse mentoring work: the senior leads, the junior guides, and trust comes first. Each takes about three minutes.",
    "training.progress": "{count} of {total} modules done",
    "training.progress_one": "{count} of {total} modules done",
    "training.allDone": "Training complete: you are ready for your first session.",
    "training.noProfile": "Join the program first: save your profile, saying you can teach, and come back here.",
    "training.notMentor": "This training is for mentors. Tick “I can teach” in your profile to take it.",
    "training.goToProfile": "Go to my profile",
    "training.done": "Done",
    "training.markDone": "Mark as done",
    "training.markDoneOf": "Mark as done: {title}",
    "training.doneOf": "Done: {title}",
    "training.marking": "Saving…",
    "training.justDone": "“{title}” is done.",
    "training.module.listening.title": "Listen first",
    "training.module.listening.body":
      "Start every session by asking what your colleague wants to achieve: a task they have to do this week, not a tour of the tool.\n\nLet them drive. They choose the goal and the pace; you follow and adapt. Ask open questions such as “How do you do this today?” and listen to the whole answer before you suggest anything.\n\nSay back what you understood to check you got it right. Their experience matters: how they work tells you which features will really help them. End each session by asking what they would like to look at next time.",
    "training.module.no-jargon.title": "No jargon",
    "training.module.no-jargon.body":
      "Use plain words: say “the team's shared folder” rather than “the SharePoint document library”.\n\nWhen a technical word or an acronym cannot be avoided, explain it the first time in one sentence: “a prompt is the question you type to Copilot”. Compare with something your colleague already knows well.\n\nCheck understanding by asking them to explain it back or to do it, not by asking “Is that clear?”, which almost always gets a yes. A question about a word is a good sign: thank them for asking. Keep a short glossary of the words you met in your shared notes.",
    "training.module.patience.title": "Patience",
    "training.module.patience.body":
      "Learning a new tool takes repetition. Explain again, as many times as needed, without sighing, rushing or saying “it's easy”.\n\nLet them make mistakes: most can be undone, and fixing one teaches more than watching you avoid it. Leave silences so they can think and try.\n\nGo at their speed, one step at a time, and stop before they get tired: three things learned well beat ten seen once. Notice progress out loud, even a small one. If you feel impatient, slow down and ask what is unclear.",
    "training.module.show-dont-do.title": "Show, don't do",
    "training.module.show-dont-do.body":
      "Hands off the mouse: the senior does it, on their own computer, with their own files.\n\nGuide with words (“click the three dots at the top right”) and point at the screen rather than taking over. In a Teams meeting, let them share their screen rather than sharing yours. If you really need to demonstrate, do it once, then hand back and let them do it.\n\nWhat people do with their own hands, they remember next week; what they watched someone else do, they forget. At the end, ask them to do the whole task again, alone, from the start.",
    "training.module.privacy.title": "What is said in the tandem stays there",
    "training.module.privacy.body":
      "Seniors take a risk when they show what they do not know: trust is what makes reverse mentoring work.\n\nWhat is said in the tandem stays in the tandem. Do not repeat what your colleague found hard, to anyone, and never judge or joke about their skills in front of others: in meetings, in chats or at the coffee machine.\n\nYour private notes in Tandem are for you alone; write shared notes only with your partner's agreement. Managers see participation in aggregates, never what you talk about: say so if your colleague worries. Tandem never shows a manager a figure about fewer than 5 people, nor one that could be worked out by subtracting two figures it shows. If something worrying comes up, talk to a coordinator rather than to the team.",
  },
  fr: {
    "training.title": "Formation des mentors",
    "training.intro":
      "Cinq modules courts à lire avant votre première séance. Ils reprennent ce qui fait réussir le mentorat inversé : le senior décide, le junior guide, et la confiance passe avant tout. Comptez environ trois minutes par module.",
    "training.progress": "{count} modules sur {total} terminés",
    "training.progress_one": "{count} module sur {total} terminé",
    "training.allDone": "Formation terminée : tout est prêt pour votre première séance.",
    "training.noProfile": "Rejoignez d'abord le programme : enregistrez votre profil en indiquant que vous pouvez transmettre, puis revenez ici.",
    "training.notMentor": "Cette formation s'adresse aux mentors. Cochez « Je peux transmettre » dans votre profil pour la suivre.",
    "training.goToProfile": "Aller à mon profil",
    "training.done": "Terminé",
    "training.markDone": "Marquer comme terminé",
    "training.markDoneOf": "Marquer comme terminé : {title}",
    "training.doneOf": "Terminé : {title}",
    "training.marking": "Enregistrement…",
    "training.justDone": "« {title} » est terminé.",
    "training.module.listening.title": "Écouter d'abord",
    "training.module.listening.body":
      "Commencez chaque séance en demandant à la personne que vous accompagnez ce qu'elle veut réussir : une tâche qu'elle doit faire cette semaine, pas une visite guidée de l'outil.\n\nLaissez-la piloter. Elle choisit l'objectif et le rythme ; vous suivez et vous vous adaptez. Posez des questions ouvertes comme « Comment faites-vous aujourd'hui ? » et écoutez la réponse jusqu'au bout avant de proposer quoi que ce soit.\n\nReformulez ce que vous avez compris pour vérifier que vous avez bien saisi. Son expérience compte : sa façon de travailler vous dit quelles fonctions l'aideront vraiment. Terminez chaque séance en lui demandant ce qu'elle aimerait voir la prochaine fois.",
    "training.module.no-jargon.title": "Pas de jargon",
    "training.module.no-jargon.body":
      "Employez des mots simples : dites « le dossier partagé de l'équipe » plutôt que « la bibliothèque de documents SharePoint ».\n\nQuand un terme technique ou un sigle est inévitable, expliquez-le la première fois en une phrase : « un prompt, c'est la question que vous tapez à Copilot ». Comparez avec quelque chose que cette personne connaît bien.\n\nVérifiez la compréhension en lui demandant de réexpliquer ou de faire, pas en demandant « C'est clair ? », qui obtient presque toujours un oui. Une question sur un mot est bon signe : remerciez pour la question. Tenez un petit glossaire des mots rencontrés dans vos notes partagées.",
    "training.module.patience.title": "Patience",
    "training.module.patience.body":
      "Apprendre un nouvel outil demande de la répétition. Réexpliquez autant de fois qu'il le faut, sans soupirer, sans presser, sans dire « c'est facile ».\n\nLaissez la personne que vous accompagnez se tromper : la plupart des erreurs se rattrapent, et en corriger une apprend davantage que de vous regarder l'éviter. Laissez des silences pour lui permettre de réfléchir et d'essayer.\n\nAllez à son rythme, une étape à la fois, et arrêtez-vous avant la fatigue : trois choses bien apprises valent mieux que dix vues une fois. Soulignez les progrès à voix haute, même petits. Si l'impatience vous gagne, ralentissez et demandez ce qui n'est pas clair.",
    "training.module.show-dont-do.title": "Montrer, pas faire à sa place",
    "training.module.show-dont-do.body":
      "Les mains loin de la souris : c'est la personne senior qui fait, sur son propre ordinateur, avec ses propres fichiers.\n\nGuidez avec des mots (« cliquez sur les trois points en haut à droite ») et montrez l'écran du doigt plutôt que de prendre la main. En réunion Teams, laissez-la partager son écran plutôt que le vôtre. Si une démonstration est vraiment nécessaire, faites-la une fois, puis rendez la main et laissez-la faire.\n\nCe que l'on fait de ses propres mains, on s'en souvient la semaine suivante ; ce que l'on a regardé quelqu'un faire, on l'oublie. À la fin, demandez-lui de refaire toute la tâche sans aide, depuis le début.",
    "training.module.privacy.title": "Ce qui se dit dans le tandem y reste",
    "training.module.privacy.body":
      "Une personne senior prend un risque quand elle montre ce qu'elle ne sait pas : c'est la confiance qui fait fonctionner le mentorat inversé.\n\nCe qui se dit dans le tandem reste dans le tandem. Ne répétez à personne ce que votre collègue a trouvé difficile, et ne jugez jamais ses compétences devant d'autres, ni ne plaisantez à leur sujet : en réunion, dans les conversations ou à la machine à café.\n\nVos notes privées dans Tandem ne sont qu'à vous ; n'écrivez de notes partagées qu'avec l'accord de votre binôme. Les managers voient la participation de façon agrégée, jamais le contenu de vos échanges : dites-le si votre collègue s'en inquiète. Tandem ne montre jamais à un manager un chiffre qui concerne moins de 5 personnes, ni un chiffre qu'on pourrait retrouver en soustrayant deux chiffres affichés. Si quelque chose d'inquiétant survient, parlez-en à la coordination plutôt qu'à l'équipe.",
  },
});
