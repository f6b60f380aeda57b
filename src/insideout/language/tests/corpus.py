"""Small made-up comments on three subjects, for tests that need themes to find."""

PARKING = [
    "There is never anywhere to park at the hospital",
    "The car park is full every morning",
    "Parking charges are far too high for visitors",
    "I drove round the car park for half an hour looking for a space",
    "More parking spaces for disabled drivers please",
    "Car parking is a nightmare, no spaces at all",
    "The parking machines never take cards",
    "Could not find a parking space so I was late",
    "Expensive parking and the car park is too small",
    "Visitors should not have to pay so much to park",
]
STAFF = [
    "The nurses were kind and caring",
    "Staff were friendly and helpful throughout",
    "The doctor was very kind and listened to me",
    "Lovely caring nurses who made me feel at ease",
    "All the staff were polite, friendly and professional",
    "The nurse was so gentle and kind with my mother",
    "Wonderful caring staff, thank you all",
    "Friendly helpful staff on the ward",
    "The doctors and nurses treated me with kindness",
    "Very caring and friendly team of nurses",
]
WAITING = [
    "I waited four hours to be seen",
    "The waiting time in A&E was far too long",
    "My appointment was two hours late",
    "Long waits for an appointment, weeks and weeks",
    "Waited all afternoon in the waiting room",
    "The wait to see a doctor was very long",
    "Three hours waiting before anyone saw me",
    "Appointments always run late and the wait is long",
    "We waited too long to be seen by the doctor",
    "Waiting times for appointments are far too long",
]
SUBJECTS = {"parking": PARKING, "staff": STAFF, "waiting": WAITING}
ALL = PARKING + STAFF + WAITING
LABELS = ["parking"] * 10 + ["staff"] * 10 + ["waiting"] * 10
