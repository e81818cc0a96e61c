"""Sample stories for `python -m lib demo`: one per theme, most in shape, a few with findings to fix."""

from __future__ import annotations

import datetime as dt
import json
import random

import sqlite_utils

from lib.core import clock
from lib.practice import questions
from lib.storage.db import transaction
from lib.stories import rehearsals as story_rehearsals
from lib.stories import store as stories

# theme id -> (title, source, tags, situation, task, action, result, learning)
SAMPLES: dict[str, tuple[str, str, list[str], str, str, str, str, str]] = {
    "discovery": (
        "Spotting the support-ticket triage gap",
        "portfolio",
        ["portfolio", "AI"],
        "While volunteering on the help desk of a 40-person SaaS startup during week 4 of my programme, I noticed "
        "agents "
        "spent the first hour of every shift sorting tickets by hand before answering any of them.",
        "I wanted to know whether this was a real, costly problem worth an AI product, or just one team's habit.",
        "I shadowed six agents for two shifts each and timed every step with a stopwatch spreadsheet. I then "
        "interviewed "
        "eight support leads from other companies through my network and asked them to walk me through yesterday's "
        "queue, "
        "not their opinions. I pulled 3,000 anonymised tickets, labelled 300 myself, and checked how often the first "
        "assigned category was wrong. I wrote the opportunity as a one-page brief with the evidence and the open "
        "risks, "
        "and I tested the brief with two leads before committing my portfolio project to it.",
        "Manual triage took 52 minutes per agent per day and 23% of tickets were first routed to the wrong queue. "
        "Seven "
        "of the eight leads said they would trial a tool that cut this in half, and the brief became my portfolio "
        "project.",
        "I learned to size a problem with observed minutes and error rates before proposing any model; the numbers "
        "made "
        "every later conversation easier.",
    ),
    "prioritization": (
        "Cutting the roadmap to one queue",
        "portfolio",
        ["portfolio", "RICE"],
        "Two weeks before my portfolio demo I had eleven candidate features for the triage assistant and time to build "
        "maybe three of them well. Every feature had a fan: two came from support leads I had interviewed, three "
        "from my "
        "own ideas, and the rest from a mentor's review.",
        "I had to choose what to build and what to drop without a team to share the call with.",
        "I scored every feature with RICE, using the ticket sample for reach and my shadowing notes for impact. I made "
        "effort estimates by spiking the two riskiest items for half a day each. I then sat with two support leads, "
        "showed them the ranked list and asked which cut would hurt them most; their answers moved one feature up and "
        "two down. I wrote down what I was saying no to and why, so that I would not reopen the question every "
        "evening. Finally, I "
        "sent the list to my mentor and asked her to challenge the two cuts I felt least sure about.",
        "I shipped auto-routing, confidence display and a one-click correction loop. The demo covered 80% of the daily "
        "triage minutes with three features instead of eleven, and I finished four days early.",
        "The trade-off I remember: saying no in writing is what made the yes stick.",
    ),
    "technical-decision": (
        "Retrieval before fine-tuning",
        "portfolio",
        ["LLM", "RAG"],
        "My triage prototype had to suggest the right help article for each ticket, and the team's docs changed "
        "weekly. "
        "I had a budget of about 50 dollars for compute and three weeks before the demo.",
        "I had to decide between fine-tuning a model on past tickets and retrieval-augmented generation over the docs.",
        "I listed what each option would need: labelled data, retraining cadence, cost per ticket and how we would "
        "debug "
        "a wrong answer. I built both as a two-day spike. I wrote twenty test tickets with known correct articles and "
        "measured answer accuracy and latency for each approach. I walked an ML engineer friend through the results "
        "and "
        "asked him to break my evaluation, and he found one leaked label, which I fixed before deciding. I "
        "wrote the decision up as a one-page record with the numbers, the option I rejected and what would make me "
        "revisit it.",
        "Retrieval got 17 of 20 right against 14 for the fine-tuned model, at a third of the cost per ticket, and doc "
        "updates showed up the same day instead of after a retrain.",
        "I learned to decide with a small honest eval rather than a debate about architectures.",
    ),
    "user-research": (
        "What agents really wanted from confidence scores",
        "portfolio",
        ["research", "UX"],
        "After the first prototype, I assumed agents wanted the model's confidence as a percentage next to every "
        "routing "
        "suggestion. I had already spent a week building a chart of confidence over time that I was quite attached to.",
        "I needed to learn how agents would actually use the suggestions before I polished the interface.",
        "I ran five moderated sessions where agents triaged real, anonymised queues with the prototype while thinking "
        "aloud. I noted every hesitation with a timestamp. I asked them to explain the percentage back to me and none "
        "could say what 73% meant for their next click. I redesigned the display as three plain states, sure, check, "
        "and unsure, and I ran five more sessions with the new version. After each session I wrote the three "
        "biggest surprises on a sticky note and only changed the design when a surprise came up in at least two "
        "sessions. I "
        "dropped my confidence chart.",
        "Time to decide per ticket fell from 41 to 19 seconds, and corrections went up, which was good: agents trusted "
        "the tool enough to fix it.",
        "I learned that users rarely want the model's internals; they want to know what to do next. I now test the "
        "words "
        "on a screen as early as the model behind it.",
    ),
    "iteration": (
        "Dropping the chatbot",
        "portfolio",
        ["pivot", "feedback"],
        "My first concept for the portfolio project was a chatbot that answered customers directly before a ticket was "
        "created.",
        "I had to find out whether the concept would survive contact with the people who would run it.",
        "we showed the concept to the support leads. We collected feedback in a shared doc and we argued about it "
        "for a "
        "week. Our notes showed the leads were worried about wrong answers reaching customers. We then moved the AI "
        "behind the agent, where a person checks every suggestion.",
        "The pivot kept the project alive and the leads agreed to test it.",
        "",
    ),
    "leadership": (
        "Leading the warehouse dashboard rebuild",
        "background",
        ["analytics", "team"],
        "As a data analyst at a logistics company, I saw the warehouse team's daily dashboard break twice a week, and "
        "shift managers had stopped trusting it.",
        "No one owned it. I volunteered to lead a rebuild with two junior analysts and a part-time engineer.",
        "I wrote a one-page plan with the three metrics managers used every morning and dropped the other twenty. I "
        "set "
        "up a fifteen-minute stand-up twice a week and paired each junior analyst with a shift manager as their "
        "customer. I built the data checks myself and taught the team to add one for every new field. When a deadline "
        "slipped I told the managers early and offered a smaller first release instead of a late big one. Every "
        "Friday I sent a five-line update to the operations director, with what shipped, what slipped and what I "
        "needed.",
        "The new dashboard had zero outages in its first 90 days, morning meetings dropped from 30 to 15 minutes, and "
        "both junior analysts later led projects of their own.",
        "I learned that leading without a title starts with naming the customer and the three numbers that matter. I "
        "have started every project since with that one-page plan.",
    ),
    "failure": (
        "The forecast nobody used",
        "background",
        ["failure", "forecasting"],
        "In my second year as an analyst, I spent six weeks building a demand forecast for the warehouse that I was "
        "proud of.",
        "My goal was to cut overtime by predicting busy days a week ahead.",
        "I built the model alone and tuned it until the error was low. I presented it at the monthly operations review "
        "with charts of its accuracy. I did not ask the shift planners how they planned rotas, and I did not notice "
        "that they fixed rotas two weeks ahead, not one. When the planners asked questions in the review, I answered "
        "with "
        "more accuracy charts instead of asking what they needed, and I left the meeting thinking it had gone well.",
        "Nobody used it. Overtime did not change, and six weeks of work sat unused. Afterwards I asked the planners "
        "for "
        "an hour, rebuilt the horizon to fourteen days in a week, and they used that version for a year.",
        "I learned to start with the decision a forecast feeds and the moment it is made. Since then I ask who will "
        "act on my work, and when, before I open a notebook, and I show a rough draft to them in the first week "
        "instead of "
        "the last.",
    ),
    "conflict": (
        "Disagreeing with an engineer on the launch date",
        "background",
        ["conflict", "engineering"],
        "Our team was about to release a routing change, and the lead engineer wanted to ship on Friday while my data "
        "showed a 4% rise in failed deliveries in the test region.",
        "I had to resolve the disagreement without a title that let me overrule him, and without delaying the release "
        "for no reason.",
        "I asked him for thirty minutes one to one instead of arguing in the channel. I started by restating his "
        "reasons, a customer commitment and a frozen code branch, until he agreed I had them right. I then showed the "
        "failed-delivery breakdown by route, which pointed at one depot. I proposed we ship everywhere except that "
        "depot "
        "and fix it the next week, and I offered to write the monitoring query myself. I also agreed to take the "
        "call with the customer if the partial release raised questions, so he did not carry that risk alone.",
        "We shipped on Friday in 11 of 12 regions, found a mapping bug at the twelfth within three days, and the "
        "engineer asked me to review his next release plan.",
        "I learned that restating the other person's case first turns a fight about dates into a joint problem. I "
        "now do "
        "it before every disagreement, even in writing.",
    ),
    "influence": (
        "Getting buy-in for a shared metric",
        "background",
        ["influence", "metrics"],
        "Sales, operations and finance each reported a different on-time delivery number, and monthly reviews turned "
        "into arguments about whose number was right.",
        "I wanted all three teams to adopt one definition, though none of them reported to me.",
        "I met each team lead separately and asked what decision their number supported. I wrote a one-page comparison "
        "of the three definitions with an example order that each would score differently. I proposed one definition "
        "plus two footnotes that kept what each team cared about, and I asked the finance lead, the most sceptical, to "
        "co-present it with me. I built the shared query and offered a two-week trial, not a permanent change. During "
        "the trial I published the three old numbers beside the new one every Monday, so each team could see nothing "
        "they valued had disappeared, and I answered every question in the shared channel within a day.",
        "All three teams adopted the definition after the trial, the monthly review shrank from 90 to 45 minutes, and "
        "the number went into the board pack.",
        "I learned that influence comes from making the other person's goal part of the proposal, and that a trial "
        "with an exit is easier to say yes to than a permanent change.",
    ),
    "data-driven": (
        "Choosing which depot to automate first",
        "background",
        ["data", "decision"],
        "Leadership had budget to automate sorting at one of five depots and the loudest manager was pushing for his.",
        "I was asked for a recommendation in two weeks, with a budget of 600,000 dollars and a board meeting at the "
        "end "
        "of the month that would approve or reject it.",
        "I collected twelve months of parcel volumes, error rates and labour hours for each depot. I modelled savings "
        "per depot under three volume scenarios and showed the ranges, not single numbers. I visited the two top "
        "candidates to check that the data matched the floor, and found one depot's volumes double-counted returns. I "
        "corrected it, reran the model and presented the ranking with its uncertainty. I shared the model with the "
        "loudest manager before the meeting, walked him through why his depot ranked third, and asked what I had "
        "missed; "
        "he found one cost I had left out, which I added.",
        "The smallest depot, not the loudest one, ranked first; it was automated and saved 1,400 labour hours in the "
        "first quarter, within the range I had predicted.",
        "I learned that walking the floor is part of the analysis: the data was wrong until I saw it.",
    ),
    "why-pm": (
        "From analyst to product manager",
        "career",
        ["career"],
        "For four years I answered questions with data as an analyst, and I kept finding that the answers mattered "
        "less than which questions we chose.",
        "I wanted a role where I decide which problems to solve.",
        "I took on product work where I could and started this programme.",
        "It confirmed the move.",
        "",
    ),
    "why-ai-pm": (
        "Why AI product management",
        "career",
        ["career", "AI"],
        "Twelve weeks ago I started a programme to move from analytics into AI product management.",
        "I wanted to test whether I cared about AI products or only about the hype around them, before I asked any "
        "company to hire me for it.",
        "I built an AI triage assistant end to end: discovery with eight support leads, a retrieval prototype, an "
        "evaluation set of 200 labelled tickets, a red-team session, and a launch plan. I spent the most energy, and "
        "had "
        "the most fun, on the evaluation and the failure modes, deciding what the assistant should do when it was "
        "unsure. I also wrote up three AI product teardowns to practise judgment beyond my own project, and I asked "
        "two "
        "working AI product managers to critique them.",
        "The assistant routed 86% of test tickets correctly and saved an estimated 25 minutes per agent per day; two "
        "support leads asked to pilot it.",
        "I learned I am drawn to the hard product questions in AI, when to trust a model and how to show uncertainty, "
        "and that is the work I want to do every day. That is why I am applying for AI product roles now, with a "
        "portfolio that shows the whole arc.",
    ),
}


# theme id -> questions of the bank its sample story answers (matched by text; a question the bank lacks is skipped)
SAMPLE_LINKS: dict[str, list[str]] = {
    "prioritization": [
        "Tell me about prioritizing competing requests",
        "Tell me about a time you had to say no to a stakeholder",
    ],
    "technical-decision": ["Tell me about a time you worked closely with data scientists or ML engineers"],
    "user-research": ["Tell me about a time data contradicted your intuition"],
    "iteration": ["Tell me about a time you received difficult feedback"],
    "leadership": ["Tell me about a time you took ownership of something outside your role"],
    "failure": ["Tell me about a time you failed", "Tell me about a product launch that didn't go as planned"],
    "conflict": ["Tell me about a conflict with an engineer"],
    "influence": ["Tell me about a time you influenced without authority"],
    "data-driven": [
        "Tell me about a data-driven decision",
        "Tell me about a time you convinced leadership to change course",
    ],
    "why-pm": ["Why PM? Why AI PM?", "Tell me about yourself"],
    "why-ai-pm": ["Why PM? Why AI PM?", "Tell me about the most interesting AI product you have worked on"],
}


def demo(db: sqlite_utils.Database, scale: int, rng: random.Random, today: dt.date) -> None:
    """Stories across all 12 themes (``scale`` copies of each), question links and a few rehearsals."""
    bank = questions.all_questions(db)
    question_ids = dict(zip(bank["text"], bank["id"], strict=False))
    start = dt.datetime.combine(today - dt.timedelta(days=6), dt.time(19, 0))
    versions, links = [], []
    first_ids: dict[str, str] = {}
    for copy in range(scale):
        for n, (theme_id, (title, source, tags, *sections)) in enumerate(SAMPLES.items()):
            story_id = f"demo{copy:04d}{n:02d}"
            first_ids.setdefault(theme_id, story_id)
            created = clock.stamp(start + dt.timedelta(minutes=7 * n + copy))
            versions.append(
                {
                    "story_id": story_id,
                    "title": title if copy == 0 else f"{title} (take {copy + 1})",
                    "theme_id": theme_id,
                    "source": source,
                    **dict(zip(("situation", "task", "action", "result", "learning"), sections, strict=False)),
                    "tags": json.dumps(tags),
                    "deleted": 0,
                    "created_at": created,
                }
            )
            links += [
                {"story_id": story_id, "question_id": question_ids[text], "linked": 1, "origin": "demo", "at": created}
                for text in SAMPLE_LINKS.get(theme_id, [])
                if text in question_ids
            ]
    # In batches rather than save_story per story: a large scale writes thousands of them.
    with transaction(db):
        db["story_versions"].insert_all(versions, batch_size=1000)
        db["story_links"].insert_all(links, batch_size=1000)
    _demo_rehearsals(db, first_ids, rng, start)


def _demo_rehearsals(
    db: sqlite_utils.Database, first_ids: dict[str, str], rng: random.Random, start: dt.datetime
) -> None:
    """A few timed tellings over the past week, so the schedule and the pace have history."""
    for day, theme_id in enumerate(["discovery", "failure", "conflict", "influence", "leadership", "why-ai-pm"]):
        story_id = first_ids[theme_id]
        when = (start + dt.timedelta(days=day % 5, minutes=rng.randint(0, 90))).astimezone()
        words = stories.report_for(stories.get_story(db, story_id)).words
        seconds = round(words / rng.uniform(105, 135) * 60)
        story_rehearsals.log_rehearsal(db, story_id, seconds, rng.choice([2, 3, 3, 4]), when=when)
