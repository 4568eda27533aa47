#!/usr/bin/env python3
"""Build assets/exercises.tsv, the exercise catalogue, from free-exercise-db.

    python3 assets/make-exercises.py /work/shared/data/free-exercise-db.json > assets/exercises.tsv
    python3 assets/make-exercises.py SOURCE.json assets/exercises.tsv

SOURCE.json is free-exercise-db's exercise list (yuhonas/free-exercise-db,
public domain under the Unlicense). Only facts are read from it: each
exercise's id, name, category, force and equipment.

The start phase of a rep: `lower` (eccentric first: the lifter starts at the
top or lockout and lowers first) or `lift` (concentric first). It follows
`force` (push -> lower, pull -> lift) except for the exceptions listed below,
each group with its reason.

Standard library only; the output is deterministic (rows sorted by name).
The script checks its own tables and its output and exits with an error
if anything is off: an unknown id, a bad name, a missing required row or a
name or alias that two rows share (compared the way the program compares
names: lower case, spaces, hyphens and underscores removed, and with one
trailing "s" dropped).
"""

import json
import re
import sys

KEPT_CATEGORIES = {"strength", "powerlifting", "olympic weightlifting", "strongman"}

# ---------------------------------------------------------------------------
# Exercises of the kept categories that are left out, with the reason.

DROPPED = [
    ("no repetition of a lifting and a lowering: carried, dragged, pushed, walked, "
     "crawled, climbed, swung round or twisted side to side", [
        "Air_Bike", "Alternate_Heel_Touchers", "Backward_Drag", "Battling_Ropes",
        "Bear_Crawl_Sled_Drags", "Car_Drivers", "Dead_Bug", "Flutter_Kicks",
        "Forward_Drag_with_Press", "Isometric_Wipers", "Keg_Load",
        "Kettlebell_Figure_8", "Kettlebell_Pass_Between_The_Legs",
        "Kettlebell_Pirate_Ships", "Kettlebell_Turkish_Get-Up_Lunge_style",
        "Kettlebell_Turkish_Get-Up_Squat_style", "Landmine_180s", "London_Bridges",
        "Lunge_Sprint", "Monster_Walk", "One-Arm_Medicine_Ball_Slam", "Plate_Twist",
        "Power_Stairs", "Rope_Climb", "Russian_Twist", "Sandbag_Load",
        "Seated_Barbell_Twist", "Sled_Drag_-_Harness", "Sled_Overhead_Backward_Walk",
        "Sled_Overhead_Triceps_Extension", "Sled_Push", "Sled_Reverse_Flye", "Sled_Row",
        "Spell_Caster", "Spider_Crawl", "Tire_Flip", "Wind_Sprints", "Wrist_Roller",
        "Wrist_Rotations_with_Straight_Bar",
    ]),
    ("jumps and plyometric reps: not done to a slow tempo", [
        "Freehand_Jump_Squat", "Kneeling_Jump_Squat", "Plyo_Kettlebell_Pushups",
        "Weighted_Jump_Squat",
    ]),
    ("technique drills without a rep of their own", [
        "Jerk_Balance", "Rack_Delivery",
    ]),
]

# Exercises whose force is static or null, taken in with their start phase.
# (The others of that kind are holds, carries or balance drills: left out.)
CURATED_IN = [
    ("lift", "a pull-up with a band's help: starts hanging", ["Band_Assisted_Pull-Up"]),
    ("lift", "a curl: starts with the arms hanging", ["Incline_Inner_Biceps_Curl"]),
    ("lift", "a rotation against the band: starts against it", ["Internal_Rotation_with_Band"]),
    ("lift", "a front raise: starts with the arms down", ["Single_Dumbbell_Raise"]),
    ("lower", "a push-up: starts at the top", ["Push-Up_Wide"]),
    ("lower", "a bench press: unracked at the top", ["Smith_Machine_Decline_Press"]),
]

# ---------------------------------------------------------------------------
# Exceptions to the rule push -> lower, pull -> lift.

EXCEPTIONS = [
    # Pushes that start with the lift.
    ("lift", "overhead, shoulder and military presses start with the weight at the "
     "shoulders (or the handles low) and press first", [
        "Alternating_Cable_Shoulder_Press", "Alternating_Kettlebell_Press",
        "Anti-Gravity_Press", "Arnold_Dumbbell_Press", "Barbell_Shoulder_Press",
        "Bradford_Rocky_Presses", "Cable_Shoulder_Press", "Cuban_Press",
        "Dumbbell_One-Arm_Shoulder_Press", "Dumbbell_Shoulder_Press",
        "Kettlebell_Arnold_Press", "Kettlebell_Seated_Press", "Kettlebell_Seesaw_Press",
        "Landmine_Linear_Jammer", "Leverage_Shoulder_Press",
        "Machine_Shoulder_Military_Press", "One-Arm_Kettlebell_Military_Press_To_The_Side",
        "One-Arm_Kettlebell_Para_Press", "Seated_Barbell_Military_Press",
        "Seated_Cable_Shoulder_Press", "Seated_Dumbbell_Press",
        "See-Saw_Press_Alternating_Side_Press", "Shoulder_Press_-_With_Bands",
        "Single-Arm_Linear_Jammer", "Smith_Machine_Overhead_Shoulder_Press",
        "Standing_Alternating_Dumbbell_Press", "Standing_Barbell_Press_Behind_Neck",
        "Standing_Bradford_Press", "Standing_Dumbbell_Press", "Standing_Military_Press",
        "Standing_Palm-In_One-Arm_Dumbbell_Press", "Standing_Palms-In_Dumbbell_Press",
        "Two-Arm_Kettlebell_Military_Press",
    ]),
    ("lift", "push presses and jerks start at the shoulders; the dip is part of the "
     "drive, not a lowering", [
        "Double_Kettlebell_Jerk", "Double_Kettlebell_Push_Press", "One-Arm_Kettlebell_Jerk",
        "One-Arm_Kettlebell_Push_Press", "One-Arm_Kettlebell_Split_Jerk", "Power_Jerk",
        "Push_Press", "Push_Press_-_Behind_the_Neck", "Split_Jerk", "Squat_Jerk",
        "Two-Arm_Kettlebell_Jerk",
    ]),
    ("lift", "lifts from the floor or from lying down: the clean, the load or the "
     "sit-up comes first", [
        "Circus_Bell", "Clean_and_Jerk", "Clean_and_Press", "Log_Lift",
        "One-Arm_Kettlebell_Clean_and_Jerk", "Press_Sit-Up",
    ]),
    ("lift", "front, lateral and incline raises start with the arms down", [
        "Alternating_Deltoid_Raise", "Barbell_Incline_Shoulder_Raise",
        "Dumbbell_Incline_Shoulder_Raise", "Dumbbell_Scaption", "Front_Cable_Raise",
        "Front_Dumbbell_Raise", "Front_Incline_Dumbbell_Raise", "Front_Plate_Raise",
        "Front_Two-Dumbbell_Raise", "Iron_Cross", "Lateral_Raise_-_With_Bands",
        "One-Arm_Incline_Lateral_Raise", "One-Arm_Side_Laterals", "Power_Partials",
        "Seated_Side_Lateral_Raise", "Side_Lateral_Raise", "Side_Laterals_to_Front_Raise",
        "Smith_Incline_Shoulder_Raise",
        "Standing_Dumbbell_Straight-Arm_Front_Delt_Raise_Above_Head",
        "Standing_Front_Barbell_Raise_Over_Head", "Standing_Low-Pulley_Deltoid_Raise",
        "Straight_Raises_on_Incline_Bench",
    ]),
    ("lift", "calf raises start with the heels level and rise first", [
        "Barbell_Seated_Calf_Raise", "Calf_Press", "Calf_Press_On_The_Leg_Press_Machine",
        "Calf_Raise_On_A_Dumbbell", "Calf_Raises_-_With_Bands", "Donkey_Calf_Raises",
        "Dumbbell_Seated_One-Leg_Calf_Raise", "Rocking_Standing_Calf_Raise",
        "Seated_Calf_Raise", "Smith_Machine_Calf_Raise", "Smith_Machine_Reverse_Calf_Raises",
        "Standing_Barbell_Calf_Raise", "Standing_Calf_Raises", "Standing_Dumbbell_Calf_Raise",
    ]),
    ("lift", "leg extensions, kickbacks, leg lifts and abductions start with the leg "
     "bent or at rest", [
        "Glute_Kickback", "Hip_Extension_with_Bands", "Leg_Extensions", "Leg_Lift",
        "One-Legged_Cable_Kickback", "Single-Leg_Leg_Extension", "Thigh_Abductor",
    ]),
    ("lift", "hip thrusts and bridges start with the hips down", [
        "Barbell_Glute_Bridge", "Barbell_Hip_Thrust", "Butt_Lift_Bridge",
        "Hip_Lift_with_Band", "Physioball_Hip_Bridge", "Single_Leg_Glute_Bridge",
    ]),
    ("lift", "step-ups start on the floor and step up first", [
        "Barbell_Step_Ups", "Dumbbell_Step_Ups", "Step-up_with_Knee_Raise",
    ]),
    ("lift", "pushdowns, kickbacks, dip machines and cable, band, chain and machine "
     "triceps extensions start with the elbows bent against the load", [
        "Band_Skull_Crusher", "Cable_Incline_Triceps_Extension",
        "Cable_One_Arm_Tricep_Extension", "Chain_Handle_Extension", "Dip_Machine",
        "Kneeling_Cable_Triceps_Extension", "Low_Cable_Triceps_Extension",
        "Machine_Triceps_Extension", "Reverse_Grip_Triceps_Pushdown",
        "Seated_Bent-Over_One-Arm_Dumbbell_Triceps_Extension",
        "Seated_Bent-Over_Two-Arm_Dumbbell_Triceps_Extension", "Speed_Band_Overhead_Triceps",
        "Standing_Bent-Over_One-Arm_Dumbbell_Triceps_Extension",
        "Standing_Bent-Over_Two-Arm_Dumbbell_Triceps_Extension", "Tricep_Dumbbell_Kickback",
        "Triceps_Overhead_Extension_with_Rope", "Triceps_Pushdown",
        "Triceps_Pushdown_-_Rope_Attachment", "Triceps_Pushdown_-_V-Bar_Attachment",
    ]),
    ("lift", "lever-machine and cable chest presses (and the Svend press) start with "
     "the handles at the chest", [
        "Cable_Chest_Press", "Incline_Cable_Chest_Press", "Leverage_Chest_Press",
        "Leverage_Decline_Chest_Press", "Leverage_Incline_Chest_Press",
        "Standing_Cable_Chest_Press", "Svend_Press",
    ]),
    ("lift", "kettlebell floor presses start with the bell on the chest", [
        "Extended_Range_One-Arm_Kettlebell_Floor_Press", "Leg-Over_Floor_Press",
        "One-Arm_Kettlebell_Floor_Press",
    ]),
    ("lift", "the weight starts low, on pins, chains or a machine's stops", [
        "Good_Morning_off_Pins", "Hanging_Bar_Good_Morning", "Lying_Machine_Squat",
        "Pin_Presses", "Smith_Machine_Leg_Press",
    ]),
    ("lift", "standing cable and band flyes start with the arms open; the squeeze "
     "comes first", [
        "Cable_Crossover", "Cable_Iron_Cross", "Cross_Over_-_With_Bands",
        "Low_Cable_Crossover", "Single-Arm_Cable_Crossover",
    ]),
    ("lift", "starts on the forearms and pushes up first", ["Body-Up"]),
    # Pulls that start with the lowering.
    ("lower", "romanian and stiff-legged deadlifts start standing and lower first", [
        "Kettlebell_One-Legged_Deadlift", "Romanian_Deadlift",
        "Romanian_Deadlift_from_Deficit", "Smith_Machine_Stiff-Legged_Deadlift",
        "Stiff-Legged_Barbell_Deadlift", "Stiff-Legged_Dumbbell_Deadlift",
        "Wide_Stance_Stiff_Legs",
    ]),
    ("lower", "good mornings and pull-throughs start upright and hinge down first", [
        "Band_Good_Morning_Pull_Through", "Pull_Through", "Seated_Good_Mornings",
    ]),
    ("lower", "pullovers start with the weight over the chest (or the bar at the "
     "thighs) and lower it behind the head first", [
        "Bent-Arm_Barbell_Pullover", "Cable_Incline_Pushdown", "Front_Raise_And_Pullover",
        "Straight-Arm_Dumbbell_Pullover", "Wide-Grip_Decline_Barbell_Pullover",
    ]),
    ("lower", "rollouts and fallouts start tucked and roll out first", [
        "Ab_Roller", "Barbell_Ab_Rollout", "Barbell_Ab_Rollout_-_On_Knees",
        "Barbell_Rollout_from_Bench", "Suspended_Fallout",
    ]),
    ("lower", "nordic curls start upright on the knees and lower first", [
        "Floor_Glute-Ham_Raise", "Natural_Glute_Ham_Raise",
    ]),
    ("lower", "back extensions start with the body straight and bend down first", [
        "Hyperextensions_Back_Extensions", "Hyperextensions_With_No_Hyperextension_Bench",
    ]),
    ("lower", "side bends and windmills start upright and bend down first", [
        "Barbell_Side_Bend", "Double_Kettlebell_Windmill", "Dumbbell_Side_Bend",
        "Kettlebell_Windmill",
    ]),
    ("lower", "free-weight preacher curls start at the top, the bar taken from the "
     "bench's rest", [
        "One_Arm_Dumbbell_Preacher_Curl", "Preacher_Curl", "Preacher_Hammer_Dumbbell_Curl",
        "Two-Arm_Dumbbell_Preacher_Curl", "Zottman_Preacher_Curl",
    ]),
    ("lower", "neck exercises with a plate or harness start with the head up and "
     "lower it first", [
        "Lying_Face_Down_Plate_Neck_Resistance", "Lying_Face_Up_Plate_Neck_Resistance",
        "Seated_Head_Harness_Neck_Resistance",
    ]),
    ("lower", "finger curls let the bar roll down to the fingertips first", ["Finger_Curls"]),
]

# ---------------------------------------------------------------------------
# Names. Every source name is cleaned (lower case, punctuation dropped,
# plural words made singular, common compounds hyphenated); these ids get a
# name of their own instead. The nine program built-ins keep their names.

BUILTINS = {
    # name: (source id, start)
    "squat": ("Barbell_Squat", "lower"),
    "bench": ("Barbell_Bench_Press_-_Medium_Grip", "lower"),
    "push-up": ("Pushups", "lower"),
    "dip": ("Parallel_Bar_Dip", "lower"),
    "romanian-deadlift": ("Romanian_Deadlift", "lower"),
    "curl": ("Barbell_Curl", "lift"),
    "pull-up": ("Pullups", "lift"),
    "chin-up": ("Chin-Up", "lift"),
    "row": ("Bent_Over_Barbell_Row", "lift"),
}

RENAMED = {
    "3_4_Sit-Up": "three-quarter sit-up",
    "Ab_Roller": "ab wheel rollout",
    "Alternate_Hammer_Curl": "alternating hammer curl",
    "Alternate_Incline_Dumbbell_Curl": "alternating incline dumbbell curl",
    "Around_The_Worlds": "around the world",
    "Arnold_Dumbbell_Press": "arnold press",
    "Back_Flyes_-_With_Bands": "band reverse fly",
    "Band_Assisted_Pull-Up": "band-assisted pull-up",
    "Band_Good_Morning_Pull_Through": "band pull-through",
    "Barbell_Ab_Rollout": "barbell rollout",
    "Barbell_Ab_Rollout_-_On_Knees": "kneeling barbell rollout",
    "Barbell_Deadlift": "deadlift",
    "Barbell_Hip_Thrust": "hip thrust",
    "Barbell_Incline_Bench_Press_-_Medium_Grip": "incline bench press",
    "Barbell_Shrug_Behind_The_Back": "behind-the-back barbell shrug",
    "Barbell_Side_Split_Squat": "barbell side lunge",
    "Bench_Press_-_Powerlifting": "powerlifting bench press",
    "Bench_Press_-_With_Bands": "band bench press",
    "Bodyweight_Walking_Lunge": "walking lunge",
    "Bottoms_Up": "bottoms-up",
    "Bradford_Rocky_Presses": "bradford press",
    "Butt_Lift_Bridge": "glute bridge",
    "Cable_Hammer_Curls_-_Rope_Attachment": "cable rope hammer curl",
    "Cable_One_Arm_Tricep_Extension": "one-arm cable triceps pushdown",
    "Calf_Press_On_The_Leg_Press_Machine": "leg press calf raise",
    "Calf_Raises_-_With_Bands": "band calf raise",
    "Close-Grip_Barbell_Bench_Press": "close-grip bench press",
    "Close-Grip_Front_Lat_Pulldown": "close-grip lat pulldown",
    "Close-Grip_Push-Up_off_of_a_Dumbbell": "close-grip push-up on a dumbbell",
    "Cross_Over_-_With_Bands": "band crossover",
    "Crunch_-_Hands_Overhead": "crunch with hands overhead",
    "Crunch_-_Legs_On_Exercise_Ball": "crunch with legs on an exercise ball",
    "Decline_Barbell_Bench_Press": "decline bench press",
    "Dips_-_Chest_Version": "chest dip",
    "Dips_-_Triceps_Version": "triceps dip",
    "Dumbbell_Alternate_Bicep_Curl": "alternating dumbbell curl",
    "Dumbbell_Bicep_Curl": "dumbbell curl",
    "Dumbbell_Flyes": "dumbbell fly",
    "Dumbbell_Rear_Lunge": "dumbbell reverse lunge",
    "Dumbbell_Tricep_Extension_-Pronated_Grip": "pronated lying dumbbell triceps extension",
    "EZ-Bar_Skullcrusher": "skull crusher",
    "Floor_Glute-Ham_Raise": "nordic curl",
    "Front_Barbell_Squat": "front squat",
    "Front_Barbell_Squat_To_A_Bench": "front squat to a bench",
    "Front_Dumbbell_Raise": "front raise",
    "Front_Squat_Clean_Grip": "clean-grip front squat",
    "Front_Squats_With_Two_Kettlebells": "double kettlebell front squat",
    "Glute_Ham_Raise": "glute-ham raise",
    "Hammer_Grip_Incline_DB_Bench_Press": "hammer-grip incline dumbbell bench press",
    "Hyperextensions_Back_Extensions": "back extension",
    "Hyperextensions_With_No_Hyperextension_Bench": "flat-bench hyperextension",
    "Incline_Push-Up_Close-Grip": "close-grip incline push-up",
    "Incline_Push-Up_Medium": "medium-grip incline push-up",
    "Incline_Push-Up_Reverse_Grip": "reverse-grip incline push-up",
    "Incline_Push-Up_Wide": "wide-grip incline push-up",
    "Kipping_Muscle_Up": "kipping muscle-up",
    "Knee_Hip_Raise_On_Parallel_Bars": "parallel bar knee raise",
    "Kneeling_Cable_Crunch_With_Alternating_Oblique_Twists":
        "kneeling cable crunch with oblique twist",
    "Lateral_Raise_-_With_Bands": "band lateral raise",
    "Machine_Shoulder_Military_Press": "machine shoulder press",
    "Mixed_Grip_Chin": "mixed-grip chin-up",
    "Gironda_Sternum_Chins": "gironda sternum chin-up",
    "Muscle_Up": "muscle-up",
    "Natural_Glute_Ham_Raise": "natural glute-ham raise",
    "Oblique_Crunches_-_On_The_Floor": "floor oblique crunch",
    "One_Leg_Barbell_Squat": "barbell bulgarian split squat",
    "One-Arm_Side_Laterals": "one-arm lateral raise",
    "Pull_Through": "cable pull-through",
    "Push-Up_Wide": "wide push-up",
    "Push-Ups_-_Close_Triceps_Position": "close-grip push-up",
    "Pushups_Close_and_Wide_Hand_Positions": "close-and-wide push-up",
    "Reverse_Flyes": "reverse dumbbell fly",
    "Rocky_Pull-Ups_Pulldowns": "rocky pull-up",
    "Romanian_Deadlift_from_Deficit": "deficit romanian deadlift",
    "Seated_One-arm_Cable_Pulley_Rows": "one-arm seated cable row",
    "See-Saw_Press_Alternating_Side_Press": "see-saw press",
    "Shoulder_Press_-_With_Bands": "band shoulder press",
    "Side_Lateral_Raise": "lateral raise",
    "Side_Laterals_to_Front_Raise": "lateral to front raise",
    "Side_To_Side_Chins": "side-to-side chin-up",
    "Single_Dumbbell_Raise": "single dumbbell front raise",
    "Smith_Single-Leg_Split_Squat": "smith machine bulgarian split squat",
    "Split_Squat_with_Dumbbells": "bulgarian split squat",
    "Squats_-_With_Bands": "band squat",
    "Standing_Biceps_Cable_Curl": "cable curl",
    "Standing_Military_Press": "overhead press",
    "Stiff-Legged_Barbell_Deadlift": "stiff-legged deadlift",
    "T-Bar_Row_with_Handle": "t-bar row",
    "Tricep_Dumbbell_Kickback": "dumbbell triceps kickback",
    "Triceps_Pushdown_-_Rope_Attachment": "rope triceps pushdown",
    "Triceps_Pushdown_-_V-Bar_Attachment": "v-bar triceps pushdown",
    "Upright_Barbell_Row": "upright row",
    "Upright_Cable_Row": "cable upright row",
    "Upright_Row_-_With_Bands": "band upright row",
    "V-Bar_Pullup": "v-bar pull-up",
    "Weighted_Sit-Ups_-_With_Bands": "band-resisted sit-up",
    "Wide_Stance_Stiff_Legs": "wide-stance stiff-legged deadlift",
    "Wide-Grip_Lat_Pulldown": "lat pulldown",
}

# Rows that free-exercise-db does not have (source "-"):
# name: (start, equipment).
ADDED = {
    "dumbbell romanian deadlift": ("lower", "dumbbell"),
    "hanging knee raise": ("lift", "body only"),
    "kettlebell swing": ("lift", "kettlebells"),
    "knee push-up": ("lower", "body only"),
    "landmine press": ("lift", "barbell"),
    "lunge": ("lower", "body only"),
    "pendlay row": ("lift", "barbell"),
    "pike push-up": ("lower", "body only"),
    "pistol squat": ("lower", "body only"),
    "reverse lunge": ("lower", "body only"),
    "reverse nordic": ("lower", "body only"),
    "split squat": ("lower", "body only"),
    "step-up": ("lift", "body only"),
    "thruster": ("lower", "barbell"),
}

# Extra names a lifter types, by row name. Spacing, hyphen and plural
# variants are matched by the program itself and are not listed.
ALIASES = {
    "ab wheel rollout": ["ab roller", "ab wheel", "ab rollout"],
    "alternating dumbbell curl": ["alternating biceps curl", "dumbbell alternate biceps curl"],
    "arnold press": ["arnold dumbbell press"],
    "back extension": ["hyperextension", "back hyperextension"],
    "band-assisted pull-up": ["assisted pull-up"],
    "barbell bulgarian split squat": ["one-leg barbell squat"],
    "barbell full squat": ["full squat", "atg squat"],
    "barbell shrug": ["shrug"],
    "barbell side lunge": ["barbell side split squat"],
    "behind-the-back barbell shrug": ["barbell shrug behind the back"],
    "bench": ["bench press", "barbell bench press", "flat bench press", "bb bench"],
    "bent-arm dumbbell pullover": ["bent-arm pullover"],
    "bulgarian split squat": ["dumbbell bulgarian split squat", "rear-foot-elevated split squat",
                              "rfess", "split squat with dumbbells"],
    "butterfly": ["pec deck", "pec deck fly", "machine fly"],
    "cable crossover": ["cable fly", "cable chest fly", "standing cable fly"],
    "cable curl": ["standing biceps cable curl", "cable biceps curl"],
    "cable pull-through": ["pull-through"],
    "cable upright row": ["upright cable row"],
    "chin-up": ["chin", "underhand pull-up"],
    "close-grip bench press": ["close-grip barbell bench press", "cgbp"],
    "close-grip lat pulldown": ["close-grip front lat pulldown"],
    "close-grip push-up": ["diamond push-up", "triangle push-up", "triceps push-up"],
    "concentration curl": ["dumbbell concentration curl"],
    "curl": ["barbell curl", "biceps curl", "bicep curl", "standing barbell curl"],
    "deadlift": ["barbell deadlift", "conventional deadlift"],
    "decline bench press": ["decline barbell bench press", "decline press"],
    "deficit romanian deadlift": ["deficit rdl", "romanian deadlift from deficit"],
    "dip": ["parallel bar dip", "bar dip"],
    "dumbbell bench press": ["db bench press", "dumbbell chest press", "flat dumbbell press"],
    "dumbbell curl": ["dumbbell biceps curl", "dumbbell bicep curl", "db curl"],
    "dumbbell fly": ["chest fly", "dumbbell chest fly", "flat dumbbell fly", "fly"],
    "dumbbell lunge": ["dumbbell forward lunge"],
    "dumbbell reverse lunge": ["dumbbell rear lunge"],
    "dumbbell romanian deadlift": ["dumbbell rdl", "db rdl"],
    "dumbbell shoulder press": ["dumbbell overhead press", "db shoulder press",
                                "db overhead press"],
    "dumbbell shrug": ["db shrug"],
    "dumbbell triceps kickback": ["triceps kickback", "tricep kickback", "dumbbell kickback"],
    "ez-bar curl": ["ez curl"],
    "face pull": ["cable face pull", "rope face pull"],
    "front raise": ["dumbbell front raise", "front dumbbell raise"],
    "front squat": ["barbell front squat"],
    "glute bridge": ["bridge", "hip bridge", "butt lift", "bodyweight glute bridge"],
    "glute-ham raise": ["ghr"],
    "goblet squat": ["kettlebell goblet squat", "dumbbell goblet squat"],
    "good morning": ["barbell good morning"],
    "hack squat": ["machine hack squat"],
    "hammer curl": ["dumbbell hammer curl"],
    "hanging knee raise": ["hanging knee tuck"],
    "hip thrust": ["barbell hip thrust"],
    "incline bench press": ["barbell incline bench press", "incline barbell bench press",
                            "incline press"],
    "incline dumbbell curl": ["incline curl"],
    "incline dumbbell fly": ["incline fly"],
    "incline dumbbell press": ["incline dumbbell bench press", "incline db press"],
    "inverted row": ["australian pull-up", "bodyweight row", "body row"],
    "kettlebell one-legged deadlift": ["single-leg romanian deadlift", "single-leg rdl",
                                       "kettlebell single-leg deadlift"],
    "kettlebell swing": ["two-hand kettlebell swing", "russian kettlebell swing", "kb swing"],
    "knee push-up": ["kneeling push-up"],
    "lat pulldown": ["wide-grip lat pulldown", "pulldown", "cable pulldown"],
    "lateral raise": ["dumbbell lateral raise", "side lateral raise", "side raise",
                      "lat raise"],
    "leg extension": ["quad extension", "knee extension", "machine leg extension"],
    "leg press": ["machine leg press", "sled leg press"],
    "leverage chest press": ["machine chest press", "chest press"],
    "leverage high row": ["machine high row", "high row"],
    "leverage iso row": ["machine row"],
    "lunge": ["forward lunge", "bodyweight lunge"],
    "lying leg curl": ["leg curl", "hamstring curl", "prone leg curl", "machine leg curl"],
    "lying triceps press": ["lying triceps extension", "lying tricep extension"],
    "machine shoulder press": ["machine military press", "shoulder press machine"],
    "nordic curl": ["nordic hamstring curl", "nordic", "floor glute-ham raise"],
    "one-arm cable triceps pushdown": ["one-arm cable triceps extension"],
    "one-arm dumbbell row": ["dumbbell row", "single-arm dumbbell row", "db row"],
    "overhead press": ["ohp", "military press", "shoulder press", "standing press",
                       "barbell overhead press", "standing military press", "strict press",
                       "barbell military press"],
    "parallel bar knee raise": ["captains chair knee raise", "knee raise"],
    "pike push-up": ["pike press"],
    "pistol squat": ["pistol", "single-leg squat", "one-leg squat"],
    "plie dumbbell squat": ["sumo squat", "plie squat"],
    "power clean": ["barbell power clean"],
    "preacher curl": ["ez-bar preacher curl", "barbell preacher curl"],
    "pull-up": ["overhand pull-up", "bodyweight pull-up"],
    "push press": ["barbell push press"],
    "push-up": ["press-up"],
    "rack pull": ["rack deadlift"],
    "reverse barbell curl": ["reverse curl"],
    "reverse dumbbell fly": ["rear delt fly", "reverse fly", "bent-over reverse fly",
                             "rear delt raise"],
    "reverse lunge": ["bodyweight reverse lunge", "rear lunge"],
    "reverse machine fly": ["reverse pec deck", "rear delt machine fly"],
    "romanian-deadlift": ["rdl", "barbell rdl", "barbell romanian deadlift"],
    "rope triceps pushdown": ["rope pushdown", "triceps rope pushdown",
                              "tricep rope pushdown"],
    "row": ["barbell row", "bent-over row", "bent-over barbell row", "bb row"],
    "seated barbell military press": ["seated military press", "seated overhead press"],
    "seated cable row": ["cable row", "low row", "seated row"],
    "seated calf raise": ["machine seated calf raise"],
    "seated dumbbell press": ["seated dumbbell shoulder press"],
    "seated leg curl": ["seated hamstring curl"],
    "skull crusher": ["ez-bar skull crusher", "lying ez-bar triceps extension"],
    "smith machine bench press": ["smith bench press"],
    "smith machine squat": ["smith squat"],
    "split squat": ["static lunge", "bodyweight split squat"],
    "standing calf raise": ["calf raise", "machine calf raise", "standing machine calf raise"],
    "standing dumbbell triceps extension": ["overhead triceps extension",
                                            "overhead tricep extension",
                                            "dumbbell overhead triceps extension"],
    "step-up": ["bodyweight step-up", "box step-up"],
    "stiff-legged deadlift": ["sldl", "stiff-leg deadlift", "stiff-legged barbell deadlift",
                              "straight-leg deadlift"],
    "straight-arm dumbbell pullover": ["dumbbell pullover", "pullover"],
    "sumo deadlift": ["barbell sumo deadlift"],
    "t-bar row": ["t-bar row with handle", "landmine row"],
    "thigh abductor": ["hip abduction machine", "abductor machine", "hip abduction"],
    "thigh adductor": ["hip adduction machine", "adductor machine", "hip adduction"],
    "thruster": ["barbell thruster"],
    "trap bar deadlift": ["hex bar deadlift"],
    "triceps dip": ["tricep dip"],
    "triceps pushdown": ["tricep pushdown", "pushdown", "cable pushdown",
                         "triceps pressdown", "cable triceps pushdown"],
    "upright row": ["barbell upright row"],
    "v-bar triceps pushdown": ["v-bar pushdown"],
    "walking lunge": ["bodyweight walking lunge"],
    "weighted sissy squat": ["sissy squat"],
    "wide push-up": ["wide-grip push-up"],
    "zercher squat": ["barbell zercher squat"],
}

# Names or aliases that must resolve (besides the nine built-ins), as the
# program matches them.
MUST_RESOLVE = [
    "deadlift", "overhead press", "ohp", "military press", "shoulder press",
    "bench press", "benchpress", "romanian deadlift", "rdl", "stiff-legged deadlift",
    "sldl", "zercher squat", "front squat", "goblet squat", "lunge",
    "bulgarian split squat", "leg press", "hip thrust", "good morning", "barbell row",
    "dumbbell row", "lat pulldown", "seated cable row", "face pull", "lateral raise",
    "front raise", "skull crusher", "tricep pushdown", "triceps pushdown", "hammer curl",
    "preacher curl", "incline bench press", "decline bench press", "dumbbell bench press",
    "close-grip bench press", "chest fly", "calf raise", "leg curl", "leg extension",
    "shrug", "upright row", "sumo deadlift", "trap bar deadlift", "power clean",
    "push press", "hack squat", "step-up", "inverted row", "nordic curl",
    "nordic hamstring curl", "back extension", "glute bridge", "push-ups", "pull-ups",
    "push ups", "pushups", "Deadlift", "Overhead Press",
]

# Well-known exercises whose start phase every lifter knows: a guard against
# a wrong exception or a wrong curated start.
KNOWN_START = {
    "lower": [
        "squat", "bench", "push-up", "dip", "romanian-deadlift", "front squat",
        "goblet squat", "zercher squat", "overhead squat", "box squat", "lunge",
        "bulgarian split squat", "pistol squat", "leg press", "hack squat", "good morning",
        "stiff-legged deadlift", "dumbbell romanian deadlift", "incline bench press",
        "decline bench press", "dumbbell bench press", "incline dumbbell press",
        "close-grip bench press", "floor press", "skull crusher", "dumbbell fly",
        "overhead triceps extension", "pullover", "nordic curl", "ab wheel rollout",
        "thruster", "bench dip", "handstand push-up",
    ],
    "lift": [
        "deadlift", "sumo deadlift", "trap bar deadlift", "rack pull", "power clean",
        "clean", "snatch", "clean and jerk", "push press", "overhead press",
        "dumbbell shoulder press", "seated dumbbell press", "arnold press",
        "machine shoulder press", "curl", "dumbbell curl", "hammer curl", "ez-bar curl",
        "cable curl", "concentration curl", "pull-up", "chin-up", "row", "dumbbell row",
        "t-bar row", "lat pulldown", "seated cable row", "face pull", "inverted row",
        "lateral raise", "front raise", "reverse fly", "upright row", "shrug",
        "calf raise", "seated calf raise", "leg curl", "seated leg curl", "leg extension",
        "hip thrust", "glute bridge", "step-up", "triceps pushdown", "triceps kickback",
        "pec deck", "crunch", "sit-up", "hanging leg raise", "kettlebell swing",
        "glute-ham raise",
    ],
}

# ---------------------------------------------------------------------------

PLURALS = {
    "adductions": "adduction", "bends": "bend", "bridges": "bridge", "chins": "chin", "cocoons": "cocoon",
    "crunches": "crunch", "curls": "curl", "deadlifts": "deadlift", "dips": "dip",
    "extensions": "extension", "flye": "fly", "flyes": "fly",
    "hyperextensions": "hyperextension", "laterals": "lateral", "lunges": "lunge",
    "mornings": "morning", "partials": "partial", "presses": "press",
    "pull-ups": "pull-up", "pulldowns": "pulldown", "pullups": "pull-up", "pullup": "pull-up",
    "pulls": "pull", "push-ups": "push-up", "pushups": "push-up", "raises": "raise",
    "rows": "row", "shrugs": "shrug", "sit-ups": "sit-up", "butt-ups": "butt-up",
    "slides": "slide", "squats": "squat", "stones": "stone", "swings": "swing",
    "tucks": "tuck", "twists": "twist", "ups": "up",
}

COMPOUNDS = [
    ("bent over", "bent-over"), ("one arm", "one-arm"), ("two arm", "two-arm"),
    ("one leg", "one-leg"), ("single leg", "single-leg"), ("single arm", "single-arm"),
    ("close grip", "close-grip"), ("wide grip", "wide-grip"), ("mixed grip", "mixed-grip"),
    ("reverse grip", "reverse-grip"), ("ez bar", "ez-bar"), ("narrow stance", "narrow-stance"),
    ("wide stance", "wide-stance"), ("stiff leg", "stiff-leg"), ("step up", "step-up"),
    ("push up", "push-up"), ("pull up", "pull-up"), ("muscle up", "muscle-up"),
    ("glute ham", "glute-ham"), ("pull apart", "pull-apart"), ("t bar", "t-bar"),
    ("cross body", "cross-body"), ("straight bar", "straight-bar"),
    ("behind the back", "behind-the-back"), ("db", "dumbbell"),
]

WORD = r"[a-z0-9]+(?:-[a-z0-9]+)*"
NAME_RE = re.compile(rf"^{WORD}(?: {WORD})*$")


def die(message):
    sys.exit(f"make-exercises.py: {message}")


def clean_name(name):
    """A source name as a catalogue name: lower case, plain words."""
    s = name.replace("(", " ").replace(")", " ").replace("/", " ").replace("'", "")
    s = re.sub(r"\s+-\s*|\s*-\s+", " ", s)  # " - Medium Grip", " -Pronated"
    words = [PLURALS.get(w, w) for w in s.lower().split()]
    s = " " + " ".join(words) + " "
    for old, new in COMPOUNDS:
        s = s.replace(" " + old + " ", " " + new + " ")
    s = re.sub(r"\btricep\b", "triceps", s)
    s = re.sub(r"\bbicep\b", "biceps", s)
    return " ".join(s.split())


def keys(name):
    """The keys a name is found under by the program."""
    k = re.sub(r"[\s_-]+", "", name.lower())
    return {k, k[:-1]} if k.endswith("s") and len(k) > 1 else {k}


def grouped(table, what):
    """{id: (start, reason)} from [(start, reason, [ids])], each id once."""
    out = {}
    for start, reason, ids in table:
        if start not in ("lift", "lower"):
            die(f"{what}: bad start {start!r}")
        for i in ids:
            if i in out:
                die(f"{what}: {i} listed twice")
            out[i] = (start, reason)
    return out


def build(source):
    by_id = {e["id"]: e for e in source}
    if len(by_id) != len(source):
        die("duplicate ids in the source")

    dropped = {}
    for reason, ids in DROPPED:
        for i in ids:
            if i in dropped:
                die(f"dropped twice: {i}")
            dropped[i] = reason
    exceptions = grouped(EXCEPTIONS, "EXCEPTIONS")
    curated = grouped(CURATED_IN, "CURATED_IN")

    kept_ids = set()
    for e in source:
        if e["category"] not in KEPT_CATEGORIES or e["id"] in dropped:
            continue
        if e["force"] in ("push", "pull") or e["id"] in curated:
            kept_ids.add(e["id"])

    # Every id the tables name must exist, be of a kept category, and be used.
    for what, ids in (("DROPPED", dropped), ("EXCEPTIONS", exceptions),
                      ("CURATED_IN", curated), ("RENAMED", RENAMED),
                      ("BUILTINS", {v[0]: 1 for v in BUILTINS.values()})):
        for i in ids:
            if i not in by_id:
                die(f"{what}: no exercise {i!r} in the source")
            if by_id[i]["category"] not in KEPT_CATEGORIES:
                die(f"{what}: {i} is not of a kept category")
            if what != "DROPPED" and i not in kept_ids:
                die(f"{what}: {i} is not kept")
    for i in curated:
        if by_id[i]["force"] in ("push", "pull"):
            die(f"CURATED_IN: {i} has force {by_id[i]['force']}; it needs no curating")
    for i in exceptions:
        e = by_id[i]
        rule = "lower" if e["force"] == "push" else "lift"
        if e["force"] not in ("push", "pull"):
            die(f"EXCEPTIONS: {i} has force {e['force']}; put it in CURATED_IN")
        if exceptions[i][0] == rule:
            die(f"EXCEPTIONS: {i} already starts with {rule} by the rule")

    builtin_of = {sid: name for name, (sid, _) in BUILTINS.items()}
    rows = []
    for i in sorted(kept_ids):
        e = by_id[i]
        if i in curated:
            start = curated[i][0]
        elif i in exceptions:
            start = exceptions[i][0]
        else:
            start = "lower" if e["force"] == "push" else "lift"
        if i in builtin_of:
            name = builtin_of[i]
            if BUILTINS[name][1] != start:
                die(f"built-in {name}: {i} starts with {start}, not {BUILTINS[name][1]}")
        else:
            name = RENAMED.get(i) or clean_name(e["name"])
        rows.append({"name": name, "start": start, "equipment": e["equipment"] or "",
                     "source": i})
    for name, (start, equipment) in ADDED.items():
        rows.append({"name": name, "start": start, "equipment": equipment, "source": "-"})

    names = {r["name"] for r in rows}
    if len(names) != len(rows):
        dup = sorted(n for n in names if sum(r["name"] == n for r in rows) > 1)
        die(f"two rows with the same name: {dup}")
    for n in ALIASES:
        if n not in names:
            die(f"ALIASES: no row called {n!r}")
    for r in rows:
        r["aliases"] = ALIASES.get(r["name"], [])
    rows.sort(key=lambda r: r["name"])
    return rows


def check(rows):
    for r in rows:
        for n in [r["name"], *r["aliases"]]:
            if not NAME_RE.match(n):
                die(f"bad name or alias {n!r} (row {r['name']!r})")
        if r["start"] not in ("lift", "lower"):
            die(f"bad start in row {r['name']!r}")
        if "\t" in r["equipment"] or "," in "".join(r["aliases"]):
            die(f"tab or comma inside a field of row {r['name']!r}")

    # No two rows may share a key; an alias may not repeat its own row's name.
    owner = {}
    for r in rows:
        own = keys(r["name"])
        for n in [r["name"], *r["aliases"]]:
            ks = keys(n)
            if n != r["name"] and ks & own:
                die(f"alias {n!r} of {r['name']!r} is the name itself, as matched")
            for k in ks:
                if k in owner and owner[k][0] != r["name"]:
                    die(f"{n!r} (row {r['name']!r}) collides with {owner[k][1]!r} "
                        f"(row {owner[k][0]!r}) as {k!r}")
                owner[k] = (r["name"], n)
        seen = set()
        for n in r["aliases"]:
            k = min(keys(n))
            if k in seen:
                die(f"row {r['name']!r} lists {n!r} twice, as matched")
            seen.add(k)

    def resolve(query):
        q = re.sub(r"[\s_-]+", "", query.lower())
        for k in (q, q[:-1] if q.endswith("s") else None):
            if k and k in owner:
                return owner[k][0]
        return None

    by_name = {r["name"]: r for r in rows}
    for name, (_, start) in BUILTINS.items():
        if by_name[name]["start"] != start:
            die(f"built-in {name} must start with {start}")
    for q in MUST_RESOLVE:
        if resolve(q) is None:
            die(f"{q!r} does not resolve to a row")
    for start, queries in KNOWN_START.items():
        for q in queries:
            name = resolve(q)
            if name is None:
                die(f"KNOWN_START: {q!r} does not resolve to a row")
            if by_name[name]["start"] != start:
                die(f"{q!r} (row {name!r}) starts with {by_name[name]['start']}, "
                    f"not {start}")
    if len(rows) < 150:
        die(f"only {len(rows)} rows")


def main(argv):
    if len(argv) not in (2, 3):
        sys.exit(__doc__.strip().split("\n\n")[1])
    with open(argv[1], encoding="utf-8") as f:
        source = json.load(f)
    rows = build(source)
    check(rows)
    lines = ["name\tstart\tequipment\tsource\taliases"]
    for r in rows:
        lines.append("\t".join([r["name"], r["start"], r["equipment"], r["source"],
                                ",".join(r["aliases"])]))
    text = "\n".join(lines) + "\n"
    if len(argv) == 3:
        with open(argv[2], "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
    else:
        sys.stdout.buffer.write(text.encode("utf-8"))
    lift = sum(r["start"] == "lift" for r in rows)
    print(f"{len(rows)} exercises: {lift} lift, {len(rows) - lift} lower; "
          f"{sum(r['source'] == '-' for r in rows)} added", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv)
