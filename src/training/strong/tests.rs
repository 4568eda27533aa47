use super::*;
use jiff::civil::date;

fn dt(y: i16, mo: i8, d: i8, h: i8, mi: i8, s: i8) -> DateTime {
    date(y, mo, d).at(h, mi, s, 0)
}

type Read = (Source, Vec<(usize, StrongSet)>, Vec<BadRow>);

fn read_ok(text: &str, unit: Unit) -> Read {
    match read(text, unit) {
        Ok(r) => r,
        Err(e) => panic!("read failed: {e}"),
    }
}

fn set(exercise: &str, set_order: u16, weight: Option<&str>, unit: Unit, reps: u16) -> StrongSet {
    StrongSet {
        date: dt(2024, 1, 15, 18, 30, 0),
        workout: "Push".to_string(),
        exercise: exercise.to_string(),
        set_order,
        weight: weight.map(str::to_string),
        unit,
        reps,
        rpe: String::new(),
        seconds: None,
        notes: String::new(),
        workout_notes: String::new(),
        duration: String::new(),
    }
}

#[test]
fn unit_display() {
    assert_eq!(Unit::Kg.to_string(), "kg");
    assert_eq!(Unit::Lb.to_string(), "lb");
}

#[test]
fn bad_row_display() {
    let b = BadRow {
        line: 4,
        reason: "Reps \"ten\" is not a whole number".to_string(),
    };
    assert_eq!(b.to_string(), "line 4: Reps \"ten\" is not a whole number");
}

#[test]
fn strong_semicolon_export() {
    let text = "Date;Workout Name;Exercise Name;Set Order;Weight;Weight Unit;Reps;RPE;Distance;Distance Unit;Seconds;Notes;Workout Notes;Workout Duration\n\
2024-01-15 18:30:00;\"Push\";\"Bench Press (Barbell); paused\";1;82,5;kg;5;8;;;0;\"\";\"Felt good\";1h 5m\n\
2024-01-15 18:30:00;\"Push\";\"Bench Press (Barbell); paused\";2;82.50;kg;4;8.5;;;0;;;1h 5m\n\
2024-01-15 18:30:00;\"Push\";\"Curl, Hammer\";1;35;lbs;12;;;;42.5;\"said \"\"ouch\"\"\";;1h 5m\n\
2024-01-15 18:30:00;\"Push\";\"Pull Up\";1;;KG;10;;;;0;;;1h 5m\n";
    let (source, sets, bad) = read_ok(text, Unit::Lb);
    assert_eq!(source, Source::StrongSemicolon);
    assert!(bad.is_empty(), "{bad:?}");
    assert_eq!(sets.len(), 4);

    let (line, first) = &sets[0];
    assert_eq!(*line, 2);
    assert_eq!(first.date, dt(2024, 1, 15, 18, 30, 0));
    assert_eq!(first.workout, "Push");
    assert_eq!(first.exercise, "Bench Press (Barbell); paused");
    assert_eq!(first.set_order, 1);
    assert_eq!(first.weight.as_deref(), Some("82.5"));
    assert_eq!(first.unit, Unit::Kg);
    assert_eq!(first.reps, 5);
    assert_eq!(first.rpe, "8");
    assert_eq!(first.seconds.as_deref(), Some("0"));
    assert_eq!(first.notes, "");
    assert_eq!(first.workout_notes, "Felt good");
    assert_eq!(first.duration, "1h 5m");

    assert_eq!(sets[1].0, 3);
    assert_eq!(sets[1].1.set_order, 2);
    assert_eq!(sets[1].1.weight.as_deref(), Some("82.5"));
    assert_eq!(sets[1].1.rpe, "8.5");

    let curl = &sets[2].1;
    assert_eq!(sets[2].0, 4);
    assert_eq!(curl.exercise, "Curl, Hammer");
    assert_eq!(curl.weight.as_deref(), Some("35"));
    assert_eq!(curl.unit, Unit::Lb);
    assert_eq!(curl.reps, 12);
    assert_eq!(curl.rpe, "");
    assert_eq!(curl.seconds.as_deref(), Some("42.5"));
    assert_eq!(curl.notes, "said \"ouch\"");

    let pull = &sets[3].1;
    assert_eq!(pull.weight, None);
    assert_eq!(pull.unit, Unit::Kg);
    assert_eq!(pull.reps, 10);
}

#[test]
fn strong_comma_export_uses_default_unit_and_skips_rest_timers() {
    let text = "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,Workout Notes,RPE\n\
\"2020-12-30 18:51:52\",\"Evening Workout\",\"2h 38m\",\"Squat (Barbell)\",\"1\",\"102,5\",\"5.0\",\"0\",\"0\",\"\",\"\",\"8\"\n\
2020-12-30 18:51:52,\"Evening Workout\",2h 38m,\"Squat (Barbell)\",Rest Timer,0,0.0,0,180.0,,,\n\
2020-12-30 18:51:52,\"Evening Workout\",2h 38m,\"Curl, Hammer\",1,25.0,10.0,0,0.0,\"slow; controlled\",\"Legs, then arms\",\n\
2020-12-30 18:51:52,\"Evening Workout\",2h 38m,\"Plank\",1,0,0,0,60,,,\n";
    let (source, sets, bad) = read_ok(text, Unit::Lb);
    assert_eq!(source, Source::StrongComma);
    assert!(bad.is_empty(), "{bad:?}");
    assert_eq!(sets.len(), 3);

    let (line, squat) = &sets[0];
    assert_eq!(*line, 2);
    assert_eq!(squat.date, dt(2020, 12, 30, 18, 51, 52));
    assert_eq!(squat.workout, "Evening Workout");
    assert_eq!(squat.exercise, "Squat (Barbell)");
    assert_eq!(squat.weight.as_deref(), Some("102.5"));
    assert_eq!(squat.unit, Unit::Lb);
    assert_eq!(squat.reps, 5);
    assert_eq!(squat.rpe, "8");
    assert_eq!(squat.duration, "2h 38m");

    let (line, curl) = &sets[1];
    assert_eq!(*line, 4);
    assert_eq!(curl.exercise, "Curl, Hammer");
    assert_eq!(curl.weight.as_deref(), Some("25"));
    assert_eq!(curl.reps, 10);
    assert_eq!(curl.seconds.as_deref(), Some("0"));
    assert_eq!(curl.notes, "slow; controlled");
    assert_eq!(curl.workout_notes, "Legs, then arms");
    assert_eq!(curl.rpe, "");

    let (line, plank) = &sets[2];
    assert_eq!(*line, 5);
    assert_eq!(plank.weight.as_deref(), Some("0"));
    assert_eq!(plank.seconds.as_deref(), Some("60"));
    assert_eq!(plank.unit, Unit::Lb);
}

#[test]
fn strong_comma_export_in_kg() {
    let text = "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,Workout Notes,RPE\n\
2021-03-01 07:00:00,A,45m,Deadlift (Barbell),1,140,3,0,0,,,9\n";
    let (_, sets, bad) = read_ok(text, Unit::Kg);
    assert!(bad.is_empty());
    assert_eq!(sets.len(), 1);
    assert_eq!(sets[0].1.unit, Unit::Kg);
    assert_eq!(sets[0].1.weight.as_deref(), Some("140"));
    assert_eq!(sets[0].1.rpe, "9");
    assert_eq!(sets[0].1.duration, "45m");
}

#[test]
fn hevy_export_in_kg() {
    let text = "\"title\",\"start_time\",\"end_time\",\"description\",\"exercise_title\",\"superset_id\",\"exercise_notes\",\"set_index\",\"set_type\",\"weight_kg\",\"reps\",\"distance_km\",\"duration_seconds\",\"rpe\"\n\
\"Push Day\",\"15 Jan 2024, 18:30\",\"15 Jan 2024, 19:35\",\"Good, solid\",\"Bench Press (Barbell)\",,\"Pause on chest\",0,\"warmup\",60,10,,,\n\
\"Push Day\",\"15 Jan 2024, 18:30\",\"15 Jan 2024, 19:35\",\"Good, solid\",\"Bench Press (Barbell)\",,\"Pause on chest\",1,\"normal\",82.5,5,,,8.5\n\
\"Push Day\",\"15 Jan 2024, 18:30\",\"15 Jan 2024, 19:35\",\"Good, solid\",\"Chest Dip\",0,\"\",0,\"normal\",,12,,,\n\
\"Push Day\",\"15 Jan 2024, 18:30\",\"15 Jan 2024, 19:35\",\"Good, solid\",\"Plank\",,\"\",0,\"normal\",,,,45,\n";
    let (source, sets, bad) = read_ok(text, Unit::Lb);
    assert_eq!(source, Source::Hevy);
    assert!(bad.is_empty(), "{bad:?}");
    assert_eq!(sets.len(), 4);

    let (line, warmup) = &sets[0];
    assert_eq!(*line, 2);
    assert_eq!(warmup.date, dt(2024, 1, 15, 18, 30, 0));
    assert_eq!(warmup.workout, "Push Day");
    assert_eq!(warmup.exercise, "Bench Press (Barbell)");
    assert_eq!(warmup.set_order, 1);
    assert_eq!(warmup.weight.as_deref(), Some("60"));
    assert_eq!(warmup.unit, Unit::Kg);
    assert_eq!(warmup.reps, 10);
    assert_eq!(warmup.rpe, "");
    assert_eq!(warmup.seconds, None);
    assert_eq!(warmup.notes, "Pause on chest");
    assert_eq!(warmup.workout_notes, "Good, solid");
    assert_eq!(warmup.duration, "1h 5m");

    assert_eq!(sets[1].1.set_order, 2);
    assert_eq!(sets[1].1.weight.as_deref(), Some("82.5"));
    assert_eq!(sets[1].1.rpe, "8.5");

    let dip = &sets[2].1;
    assert_eq!(dip.weight, None);
    assert_eq!(dip.unit, Unit::Kg);
    assert_eq!(dip.reps, 12);
    assert_eq!(dip.set_order, 1);

    let plank = &sets[3].1;
    assert_eq!(plank.reps, 0);
    assert_eq!(plank.seconds.as_deref(), Some("45"));
}

#[test]
fn hevy_export_in_lbs_with_iso_dates_and_unpadded_days() {
    let text = "\"title\",\"start_time\",\"end_time\",\"description\",\"exercise_title\",\"superset_id\",\"exercise_notes\",\"set_index\",\"set_type\",\"weight_lbs\",\"reps\",\"distance_miles\",\"duration_seconds\",\"rpe\"\n\
\"Legs\",\"1 Dec 2025, 07:05\",\"1 Dec 2025, 07:50\",\"\",\"Squat (Barbell)\",,\"\",2,\"normal\",225,5,,,9\n\
\"Legs\",\"2025-12-03 07:05:09\",\"2025-12-03 08:05:09\",\"\",\"Squat (Barbell)\",,\"\",0,\"normal\",88.18,14,,,\n";
    let (source, sets, bad) = read_ok(text, Unit::Kg);
    assert_eq!(source, Source::Hevy);
    assert!(bad.is_empty(), "{bad:?}");
    assert_eq!(sets[0].1.date, dt(2025, 12, 1, 7, 5, 0));
    assert_eq!(sets[0].1.set_order, 3);
    assert_eq!(sets[0].1.unit, Unit::Lb);
    assert_eq!(sets[0].1.weight.as_deref(), Some("225"));
    assert_eq!(sets[0].1.duration, "45m");
    assert_eq!(sets[1].1.date, dt(2025, 12, 3, 7, 5, 9));
    assert_eq!(sets[1].1.weight.as_deref(), Some("88.18"));
    assert_eq!(sets[1].1.duration, "1h 0m");
}

#[test]
fn note_spanning_two_lines_keeps_line_numbers() {
    let text = "Date;Workout Name;Exercise Name;Set Order;Weight;Weight Unit;Reps;RPE;Distance;Distance Unit;Seconds;Notes;Workout Notes;Workout Duration\n\
2024-02-01 07:00:00;Legs;Squat (Barbell);1;100;kg;5;;;;0;\"Knees hurt;\nlower the bar\";;50m\n\
2024-02-01 07:00:00;Legs;Squat (Barbell);2;100;kg;5;;;;0;;;50m\n\
2024-02-01 07:00:00;Legs;Squat (Barbell);3;100;kg;x;;;;0;;;50m\n";
    let (_, sets, bad) = read_ok(text, Unit::Kg);
    assert_eq!(sets.len(), 2);
    assert_eq!(sets[0].0, 2);
    assert_eq!(sets[0].1.notes, "Knees hurt;\nlower the bar");
    assert_eq!(sets[1].0, 4);
    assert_eq!(sets[1].1.set_order, 2);
    assert_eq!(bad.len(), 1);
    assert_eq!(bad[0].line, 5);
    assert_eq!(bad[0].reason, "Reps \"x\" is not a whole number");
}

#[test]
fn crlf_and_byte_order_mark() {
    let text = "\u{feff}Date;Workout Name;Exercise Name;Set Order;Weight;Weight Unit;Reps;RPE;Distance;Distance Unit;Seconds;Notes;Workout Notes;Workout Duration\r\n\
2024-03-05 06:15:00;\"Morning\";\"Row (Cable)\";1;50;kg;12;;;;0;\"first\r\nsecond\";\"\";30m\r\n\
\r\n\
2024-03-05 06:15:00;\"Morning\";\"Row (Cable)\";2;55;kg;10;7;;;0;;;30m\r\n";
    let (source, sets, bad) = read_ok(text, Unit::Lb);
    assert_eq!(source, Source::StrongSemicolon);
    assert!(bad.is_empty(), "{bad:?}");
    assert_eq!(sets.len(), 2);
    assert_eq!(sets[0].0, 2);
    assert_eq!(sets[0].1.date, dt(2024, 3, 5, 6, 15, 0));
    assert_eq!(sets[0].1.notes, "first\nsecond");
    assert_eq!(sets[0].1.duration, "30m");
    assert_eq!(sets[1].0, 5);
    assert_eq!(sets[1].1.weight.as_deref(), Some("55"));
    assert_eq!(sets[1].1.rpe, "7");
    assert_eq!(sets[1].1.duration, "30m");
}

#[test]
fn bad_rows_are_reported_and_good_rows_kept() {
    let text = "Date;Workout Name;Exercise Name;Set Order;Weight;Weight Unit;Reps;RPE;Distance;Distance Unit;Seconds;Notes;Workout Notes;Workout Duration\n\
2024-01-15 18:30:00;Push;Bench Press (Barbell);1;80;kg;5;;;;0;;;1h\n\
2024-01-15 18:30:00;Push;Bench Press (Barbell);2;80;kg\n\
2024-13-45 18:30:00;Push;Bench Press (Barbell);3;80;kg;5;;;;0;;;1h\n\
2024-01-15 18:30:00;Push;Bench Press (Barbell);4;12;stone;5;;;;0;;;1h\n\
2024-01-15 18:30:00;Push;Bench Press (Barbell);5;80;kg;five;;;;0;;;1h\n\
2024-01-15 18:30:00;Push;Bench Press (Barbell);6;-80;kg;5;;;;0;;;1h\n\
2024-01-15 18:30:00;Push;Bench Press (Barbell);7;heavy;kg;5;;;;0;;;1h\n\
2024-01-15 18:30:00;Push;Bench Press (Barbell);8;80;kg;3;;;;0;;;1h\n";
    let (_, sets, bad) = read_ok(text, Unit::Kg);
    let good: Vec<(usize, u16)> = sets.iter().map(|(l, s)| (*l, s.set_order)).collect();
    assert_eq!(good, vec![(2, 1), (9, 8)]);
    assert_eq!(sets[1].1.reps, 3);
    let got: Vec<(usize, &str)> = bad.iter().map(|b| (b.line, b.reason.as_str())).collect();
    assert_eq!(
        got,
        vec![
            (
                3,
                "missing fields: the row has 6 fields but the header has 14"
            ),
            (
                4,
                "Date \"2024-13-45 18:30:00\" is not a date and time like 2024-01-15 18:30:00"
            ),
            (5, "Weight Unit \"stone\" is not kg or lbs"),
            (6, "Reps \"five\" is not a whole number"),
            (7, "Weight \"-80\" is negative"),
            (8, "Weight \"heavy\" is not a number"),
        ]
    );
}

#[test]
fn more_bad_values() {
    let text = "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,Workout Notes,RPE\n\
2021-01-01 10:00:00,A,1h,Squat,one,100,5,0,0,,,\n\
2021-01-01 10:00:00,A,1h,Squat,0,100,5,0,0,,,\n\
2021-01-01 10:00:00,A,1h,,1,100,5,0,0,,,\n\
2021-01-01 10:00:00,A,1h,Squat,1,100,5.5,0,0,,,\n\
2021-01-01 10:00:00,A,1h,Squat,1,100,70000,0,0,,,\n\
2021-01-01 10:00:00,A,1h,Squat,1,100,5,0,-3,,,\n\
2021-01-01 10:00:00,A,1h,Squat,1,100,5,0,0,,,,surprise\n\
2021-01-01 10:00:00,A,1h,Squat,1,100,5,0,0,,,,\n";
    let (_, sets, bad) = read_ok(text, Unit::Kg);
    assert_eq!(sets.len(), 1);
    assert_eq!(sets[0].0, 9);
    let got: Vec<(usize, &str)> = bad.iter().map(|b| (b.line, b.reason.as_str())).collect();
    assert_eq!(
        got,
        vec![
            (
                2,
                "Set Order \"one\" is not a set number (1 or more) nor W, D or F"
            ),
            (
                3,
                "Set Order \"0\" is not a set number (1 or more) nor W, D or F"
            ),
            (4, "Exercise Name is empty"),
            (5, "Reps \"5.5\" is not a whole number"),
            (6, "Reps \"70000\" is too large"),
            (7, "Seconds \"-3\" is negative"),
            (
                8,
                "too many fields: the row has 13 fields but the header has 12"
            ),
        ]
    );
}

#[test]
fn hevy_bad_rows() {
    let text = "title,start_time,end_time,description,exercise_title,superset_id,exercise_notes,set_index,set_type,weight_kg,reps,distance_km,duration_seconds,rpe\n\
Push,\"15 Jan 2024, 18:30\",\"15 Jan 2024, 19:00\",,Bench,,,first,normal,60,10,,,\n\
Push,\"15 Foo 2024, 18:30\",\"15 Jan 2024, 19:00\",,Bench,,,1,normal,60,10,,,\n\
Push,\"15 Jan 2024, 18:30\",\"sometime\",,Bench,,,1,normal,60,10,,,\n\
Push,\"15 Jan 2024, 18:30\",\"15 Jan 2024, 19:00\",,Bench,,,1,normal,60,10,,,\n";
    let (_, sets, bad) = read_ok(text, Unit::Kg);
    assert_eq!(sets.len(), 1);
    assert_eq!(sets[0].0, 5);
    assert_eq!(sets[0].1.set_order, 2);
    assert_eq!(sets[0].1.duration, "30m");
    let got: Vec<(usize, &str)> = bad.iter().map(|b| (b.line, b.reason.as_str())).collect();
    assert_eq!(
        got,
        vec![
            (2, "set_index \"first\" is not a set index (0 or more)"),
            (
                3,
                "start_time \"15 Foo 2024, 18:30\" is not a date and time like 2024-01-15 18:30:00"
            ),
            (
                4,
                "end_time \"sometime\" is not a date and time like 2024-01-15 18:30:00"
            ),
        ]
    );
}

#[test]
fn wrong_header_is_an_error() {
    let err = match read("Name,Age\nBob,42\n", Unit::Kg) {
        Err(e) => e,
        Ok(r) => panic!("expected an error, got {r:?}"),
    };
    assert!(err.contains("unrecognised header [Name | Age]"), "{err}");
    assert!(err.contains(STRONG_HEADER), "{err}");
    assert!(err.contains(STRONG_COMMA_HEADER), "{err}");
    assert!(err.contains(HEVY_HEADER), "{err}");
}

#[test]
fn header_lacking_required_columns_names_them() {
    let err = match read(
        "Date;Workout Name;Exercise Name;Set Order;Weight Unit;Reps\n",
        Unit::Kg,
    ) {
        Err(e) => e,
        Ok(r) => panic!("expected an error, got {r:?}"),
    };
    assert!(err.contains("lacks the column(s) \"weight\""), "{err}");
    assert!(err.contains(STRONG_HEADER), "{err}");

    let err = match read("title,start_time,exercise_title,set_index,reps\n", Unit::Kg) {
        Err(e) => e,
        Ok(r) => panic!("expected an error, got {r:?}"),
    };
    assert!(err.contains("\"weight_kg\" or \"weight_lbs\""), "{err}");
}

#[test]
fn strong_layout_with_units_in_column_names_is_read_in_that_unit() {
    // Strong's exports since 2023: a `Workout #` column, `Duration (sec)`,
    // and the unit in the weight column's name, `Weight (kg)` or
    // `Weight (lbs)`, whatever unit the caller gives.
    for (column, unit) in [("Weight (kg)", Unit::Kg), ("Weight (lbs)", Unit::Lb)] {
        let text = format!(
            "\"Workout #\";\"Date\";\"Workout Name\";\"Duration (sec)\";\"Exercise Name\";\
             \"Set Order\";\"{column}\";\"Reps\";\"RPE\";\"Distance (meters)\";\"Seconds\";\
             \"Notes\";\"Workout Notes\"\n\
             \"1\";\"2023-07-14 19:31:01\";\"A\";\"3900\";\"Deadlift (Barbell)\";\"1\";\"90.0\";\
             \"5\";\"\";\"\";\"\";\"\";\"\"\n"
        );
        let other = if unit == Unit::Kg { Unit::Lb } else { Unit::Kg };
        let (source, sets, bad) = read(&text, other).expect("read");
        assert_eq!((source, bad), (Source::StrongSemicolon, vec![]));
        let s = &sets[0].1;
        assert_eq!(
            (s.exercise.as_str(), s.weight.as_deref(), s.unit, s.reps),
            ("Deadlift (Barbell)", Some("90"), unit, 5)
        );
        assert_eq!(s.duration, "3900");
    }
}

#[test]
fn empty_or_headerless_text_is_an_error() {
    for text in ["", "\u{feff}", "\n\n  \n", "just words"] {
        match read(text, Unit::Kg) {
            Err(e) => assert!(e.contains(STRONG_HEADER), "{e}"),
            Ok(r) => panic!("expected an error for {text:?}, got {r:?}"),
        }
    }
}

#[test]
fn header_only_gives_no_sets() {
    let (source, sets, bad) = read_ok(&format!("{STRONG_HEADER}\n"), Unit::Kg);
    assert_eq!(source, Source::StrongSemicolon);
    assert!(sets.is_empty());
    assert!(bad.is_empty());
}

#[test]
fn columns_are_matched_by_name() {
    let text = " \"REPS\" ;weight;EXTRA;exercise name;Weight Unit;Set Order;Workout Name;date\n\
8;60;whatever;Row (Cable);LB;1;Pull;2024-05-06 17:00:00\n";
    let (source, sets, bad) = read_ok(text, Unit::Kg);
    assert_eq!(source, Source::StrongSemicolon);
    assert!(bad.is_empty(), "{bad:?}");
    assert_eq!(sets.len(), 1);
    let s = &sets[0].1;
    assert_eq!(s.date, dt(2024, 5, 6, 17, 0, 0));
    assert_eq!(s.workout, "Pull");
    assert_eq!(s.exercise, "Row (Cable)");
    assert_eq!(s.set_order, 1);
    assert_eq!(s.weight.as_deref(), Some("60"));
    assert_eq!(s.unit, Unit::Lb);
    assert_eq!(s.reps, 8);
    assert_eq!(s.rpe, "");
    assert_eq!(s.seconds, None);
    assert_eq!(s.duration, "");
}

#[test]
fn tagged_sets_are_kept_and_numbered_by_position() {
    let text = "Date;Workout Name;Exercise Name;Set Order;Weight;Weight Unit;Reps;RPE;Distance;Distance Unit;Seconds;Notes;Workout Notes;Workout Duration\n\
2023-07-19 21:30:51;B;Squat (Barbell);W;50;kg;5;;;;;;;29m\n\
2023-07-19 21:30:51;B;Squat (Barbell);Rest Timer;;;;;;;90;;;29m\n\
2023-07-19 21:30:51;B;Squat (Barbell);1;90;kg;5;;;;;;;29m\n\
2023-07-19 21:30:51;B;Squat (Barbell);2;100;kg;5;;;;;;;29m\n\
2023-07-19 21:30:51;B;Squat (Barbell);D;70;kg;8;;;;;;;29m\n\
2023-07-19 21:30:51;B;Bench Press (Barbell);Note;;;;;;;;Tempo 3-1-1;;29m\n\
2023-07-19 21:30:51;B;Bench Press (Barbell);1;70;kg;5;;;;;;;29m\n\
2023-07-19 21:30:51;B;Bench Press (Barbell);2;75;kg;5;;;;;;;29m\n\
2023-07-19 21:30:51;B;Bench Press (Barbell);f;60;kg;10;;;;;;;29m\n\
2023-07-19 21:30:51;B;Row (Cable);2;40;kg;10;;;;;;;29m\n";
    let (_, sets, bad) = read_ok(text, Unit::Kg);
    assert!(bad.is_empty(), "{bad:?}");
    let got: Vec<(usize, &str, u16, &str)> = sets
        .iter()
        .map(|(l, s)| {
            (
                *l,
                s.exercise.as_str(),
                s.set_order,
                s.weight.as_deref().unwrap_or(""),
            )
        })
        .collect();
    assert_eq!(
        got,
        vec![
            (2, "Squat (Barbell)", 1, "50"),
            (4, "Squat (Barbell)", 2, "90"),
            (5, "Squat (Barbell)", 3, "100"),
            (6, "Squat (Barbell)", 4, "70"),
            (8, "Bench Press (Barbell)", 1, "70"),
            (9, "Bench Press (Barbell)", 2, "75"),
            (10, "Bench Press (Barbell)", 3, "60"),
            // A block without tags keeps the numbers written in the file.
            (11, "Row (Cable)", 2, "40"),
        ]
    );
}

#[test]
fn blank_unit_uses_the_default() {
    let text = "Date;Workout Name;Exercise Name;Set Order;Weight;Weight Unit;Reps;Distance;Distance Unit;Seconds;Notes;Workout Notes\n\
2019-01-20 17:03:17;\"Indoor Bike\";\"Cycling (Indoor)\";1;;;;2.4;mi.;2100;\"\";\"\"\n";
    let (source, sets, bad) = read_ok(text, Unit::Lb);
    assert_eq!(source, Source::StrongSemicolon);
    assert!(bad.is_empty(), "{bad:?}");
    let s = &sets[0].1;
    assert_eq!(s.weight, None);
    assert_eq!(s.unit, Unit::Lb);
    assert_eq!(s.reps, 0);
    assert_eq!(s.seconds.as_deref(), Some("2100"));
    assert_eq!(s.rpe, "");
    assert_eq!(s.duration, "");
}

#[test]
fn blank_lines_and_separator_only_lines_are_skipped() {
    let text = "\n\nDate,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,Workout Notes,RPE\n\
\n\
2021-01-01 10:00:00,A,1h,Squat,1,100,5,0,0,,,\n\
,,,,,,,,,,,\n\
   \n\
2021-01-01 10:00:00,A,1h,Squat,2,100,5,0,0,,,\n";
    let (source, sets, bad) = read_ok(text, Unit::Kg);
    assert_eq!(source, Source::StrongComma);
    assert!(bad.is_empty(), "{bad:?}");
    let lines: Vec<usize> = sets.iter().map(|(l, _)| *l).collect();
    assert_eq!(lines, vec![5, 8]);
}

#[test]
fn unterminated_quote_is_a_bad_row() {
    let text = "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,Workout Notes,RPE\n\
2021-01-01 10:00:00,A,1h,Squat,1,100,5,0,0,,,\n\
2021-01-01 10:00:00,A,1h,Squat,2,100,5,0,0,\"oops,,\n\
2021-01-01 10:00:00,A,1h,Squat,3,100,5,0,0,,,\n";
    let (_, sets, bad) = read_ok(text, Unit::Kg);
    assert_eq!(sets.len(), 1);
    assert_eq!(sets[0].0, 2);
    assert_eq!(bad.len(), 1);
    assert_eq!(bad[0].line, 3);
    assert!(bad[0].reason.contains("never closed"), "{}", bad[0].reason);
}

#[test]
fn quoted_fields_keep_spaces_and_unquoted_are_trimmed() {
    let text = "Date;Workout Name;Exercise Name;Set Order;Weight;Weight Unit;Reps\n\
 2024-01-15 18:30:00 ; Push ;\"Highrow \"; 1 ; 80 ; kg ; 5 \n";
    let (_, sets, bad) = read_ok(text, Unit::Kg);
    assert!(bad.is_empty(), "{bad:?}");
    assert_eq!(sets[0].1.workout, "Push");
    assert_eq!(sets[0].1.exercise, "Highrow ");
    assert_eq!(sets[0].1.weight.as_deref(), Some("80"));
    assert_eq!(sets[0].1.reps, 5);
}

#[test]
fn date_formats() {
    let cases = [
        ("2024-01-15 18:30:00", Some(dt(2024, 1, 15, 18, 30, 0))),
        ("2024-01-15T18:30:05", Some(dt(2024, 1, 15, 18, 30, 5))),
        ("2024-01-15 18:30", Some(dt(2024, 1, 15, 18, 30, 0))),
        ("2024-1-5 8:03:09", Some(dt(2024, 1, 5, 8, 3, 9))),
        (
            "2023-10-19 7:01:36\u{202f}PM",
            Some(dt(2023, 10, 19, 19, 1, 36)),
        ),
        ("2023-10-19 12:01:36 am", Some(dt(2023, 10, 19, 0, 1, 36))),
        ("2023-10-19 12:01:36 PM", Some(dt(2023, 10, 19, 12, 1, 36))),
        ("15 Jan 2024, 18:30", Some(dt(2024, 1, 15, 18, 30, 0))),
        ("02 Jul 2025, 17:56", Some(dt(2025, 7, 2, 17, 56, 0))),
        ("1 Sept 2025, 06:00", Some(dt(2025, 9, 1, 6, 0, 0))),
        ("Jan 15, 2024, 6:30 PM", Some(dt(2024, 1, 15, 18, 30, 0))),
        ("2024-02-30 10:00:00", None),
        ("2024-01-15 25:00:00", None),
        ("2024-01-15 13:00:00 PM", None),
        ("2024-01-15", None),
        ("15/01/2024 18:30", None),
        ("", None),
    ];
    for (text, want) in cases {
        assert_eq!(parse_datetime(text), want, "{text:?}");
    }
}

#[test]
fn decimal_normalization() {
    let ok = [
        ("82,5", "82.5"),
        ("82.5", "82.5"),
        ("100.0", "100"),
        ("100", "100"),
        ("007.50", "7.5"),
        (".5", "0.5"),
        ("5.", "5"),
        ("0", "0"),
        ("0.0", "0"),
        ("-0", "0"),
        ("88.18", "88.18"),
    ];
    for (raw, want) in ok {
        assert_eq!(normalize_decimal(raw), Ok(want.to_string()), "{raw:?}");
    }
    let bad = [
        ("-5", "is negative"),
        ("-2,5", "is negative"),
        ("1.2.3", "is not a number"),
        ("1,234.5", "is not a number"),
        ("1e3", "is not a number"),
        ("abc", "is not a number"),
        (".", "is not a number"),
        ("-", "is not a number"),
        ("+5", "is not a number"),
    ];
    for (raw, want) in bad {
        assert_eq!(normalize_decimal(raw), Err(want), "{raw:?}");
    }
    assert_eq!(parse_whole("10.0"), Ok(10));
    assert_eq!(parse_whole("65535"), Ok(65535));
    assert_eq!(parse_whole("65536"), Err("is too large"));
    assert_eq!(parse_whole("-1"), Err("is negative"));
}

#[test]
fn unit_spellings() {
    for (raw, want) in [
        ("kg", Some(Unit::Kg)),
        ("KG", Some(Unit::Kg)),
        ("Kgs", Some(Unit::Kg)),
        ("lb", Some(Unit::Lb)),
        ("LBS", Some(Unit::Lb)),
        (" lbs ", Some(Unit::Lb)),
        ("stone", None),
        ("pounds", None),
    ] {
        assert_eq!(parse_unit(raw), want, "{raw:?}");
    }
}

#[test]
fn write_produces_strong_layout() {
    let mut a = set("Bench Press (Barbell)", 1, Some("82.5"), Unit::Kg, 5);
    a.rpe = "8".to_string();
    a.seconds = Some("0".to_string());
    a.duration = "1h 5m".to_string();
    let mut b = set("Curl, Hammer", 2, None, Unit::Lb, 12);
    b.notes = "said \"ouch\"".to_string();
    b.workout_notes = " padded".to_string();
    let out = write(&[a, b]);
    let want = format!(
        "{STRONG_HEADER}\n\
2024-01-15 18:30:00;Push;Bench Press (Barbell);1;82.5;kg;5;8;;;0;;;1h 5m\n\
2024-01-15 18:30:00;Push;\"Curl, Hammer\";2;;lbs;12;;;;;\"said \"\"ouch\"\"\";\" padded\";\n"
    );
    assert_eq!(out, want);
    assert_eq!(write(&[]), format!("{STRONG_HEADER}\n"));
}

#[test]
fn round_trip() {
    let mut sets = vec![
        set(
            "Bench Press (Barbell); paused",
            1,
            Some("82.5"),
            Unit::Kg,
            5,
        ),
        set("Bench Press (Barbell); paused", 2, Some("100"), Unit::Kg, 3),
        set("Curl, Hammer", 1, Some("35"), Unit::Lb, 12),
        set("Pull Up", 1, None, Unit::Kg, 0),
        set("  Spaced name  ", 1, Some("0.25"), Unit::Lb, 65535),
    ];
    sets[0].rpe = "8.5".to_string();
    sets[0].seconds = Some("42.5".to_string());
    sets[0].notes = "Knees hurt;\nlower the \"bar\"".to_string();
    sets[0].workout_notes = "Good, solid".to_string();
    sets[0].duration = "1h 5m".to_string();
    sets[2].date = dt(2023, 12, 31, 23, 59, 59);
    sets[2].workout = "Arms \"day\"".to_string();
    sets[3].seconds = Some("0".to_string());
    sets[4].notes = "trailing ".to_string();

    let text = write(&sets);
    let (source, back, bad) = read_ok(&text, Unit::Kg);
    assert_eq!(source, Source::StrongSemicolon);
    assert!(bad.is_empty(), "{bad:?}");
    let back: Vec<StrongSet> = back.into_iter().map(|(_, s)| s).collect();
    assert_eq!(back, sets);
    // Writing what was read gives the same text again.
    assert_eq!(write(&back), text);
}

#[test]
fn round_trip_from_a_read_file() {
    let text = "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,Workout Notes,RPE\n\
2020-12-30 18:51:52,\"Evening Workout\",2h 38m,\"Squat (Barbell)\",1,\"102,5\",5.0,0,0,\"line one\nline two\",\"\",8\n\
2020-12-30 18:51:52,\"Evening Workout\",2h 38m,\"Squat (Barbell)\",2,102.5,5.0,0,0,,,\n";
    let (_, first, bad) = read_ok(text, Unit::Lb);
    assert!(bad.is_empty(), "{bad:?}");
    let first: Vec<StrongSet> = first.into_iter().map(|(_, s)| s).collect();
    let (source, second, bad) = read_ok(&write(&first), Unit::Kg);
    assert_eq!(source, Source::StrongSemicolon);
    assert!(bad.is_empty(), "{bad:?}");
    let second: Vec<StrongSet> = second.into_iter().map(|(_, s)| s).collect();
    assert_eq!(second, first);
    assert_eq!(second[0].unit, Unit::Lb);
    assert_eq!(second[0].notes, "line one\nline two");
}

#[test]
fn duration_formatting() {
    let start = dt(2024, 1, 15, 23, 30, 0);
    assert_eq!(format_duration(start, dt(2024, 1, 16, 0, 15, 59)), "45m");
    assert_eq!(format_duration(start, dt(2024, 1, 16, 1, 35, 0)), "2h 5m");
    assert_eq!(format_duration(start, start), "0m");
    assert_eq!(format_duration(start, dt(2024, 1, 15, 23, 0, 0)), "");
}
