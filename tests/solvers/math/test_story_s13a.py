"""Session 13 (wpa) precision of the story reader on fresh text, on hand-written stories (from no data set).

Each rule is the English construction behind a wrong answer on hand-written text (the blind12 set of session 12
and stories written for this session): a reading that now answers right, beside a near miss that must decline.
"""

from fractions import Fraction

import pytest

from reasoner.errors import ParseError
from reasoner.solvers.math.story import read_problem


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # a price said by a verb of costing is paid by the buyer, as "for $7 each" is
        ("Ines had $50. She bought 4 scarves costing $7 each. How much money does she have now?", 22),
        ("Ines had $50. She bought 4 scarves that cost $7 each and her dad gave her $10. How much money does she "
         "have now?", 32),
        ("Marco had $60. He bought 3 shirts that cost $12 each. How much money does he have left?", 24),
        # "and then <verb>": the same subject's second verb starts a clause of its own
        ("Tess has 30 shells. She gives 9 to her cousin and then finds 4 bags of 5 shells. How many shells does "
         "she have now?", 41),
        ("Tess has 30 shells. She gives 9 to her cousin and finds 4 more. How many shells does she have now?", 25),
        ("Lisa has 42 chocolates and shares them equally among her 3 friends. How many chocolates does each friend "
         "get?", 14),
        # a participle before a plural noun modifies it ("trading cards")
        ("Omar has 20 trading cards. He buys 2 packs of 6 cards. How many cards does he have now?", 32),
        ("Omar has 20 trading cards. He gives 4 to his sister and then buys 2 packs of 6 cards. How many cards "
         "does he have now?", 28),
        # "N things to each of her M friends": a rate per friend, handed out of what the giver holds
        ("A farmer had 200 apples. He gave 12 apples to each of 5 neighbors. How many apples does he have left?", 140),
        ("Sara bought 5 packs with 10 markers in each pack. She gave 2 markers to each of her 3 friends. How many "
         "markers does she have now?", 44),
        ("Tom had 30 cards. He gave 3 cards to each of his 4 friends and 2 cards to his sister. How many cards does "
         "Tom have now?", 16),
        ("Tia gave 3 balloons to each of her 4 friends. How many balloons did she give away?", 12),
        # ... but what the asked one is given at a rate comes in
        ("Josh has 27 baseball cards. His friend gave him 2 packs of 9 cards. How many cards does Josh have now?", 45),
        ("Tomas bought 12 eggs. He used 2 eggs each day for 4 days. How many eggs are left?", 4),
        # "an 8 hour day": the number counts the hours, a compound modifier of the day
        ("A worker packs 24 boxes an hour. How many boxes does he pack in an 8 hour day?", 192),
        ("A machine makes 30 toys an hour. How many toys does it make in a 6 hour shift?", 180),
        # the asked person's own containers at a rate
        ("Jon has 2 albums with 25 stamps each. He buys 10 more stamps. How many stamps does Jon have?", 60),
        # full containers counted at the rate
        ("A shelf holds 25 books. The library has 8 shelves that are full. How many books does the library have?",
         200),
        # "he" after a woman told as an object is still the man
        ("Max had 80 dollars. He gave 20 dollars to his sister, and he spent 5 dollars on lunch. How much money does "
         "Max have?", 55),
        # things lost that are held stay a loss
        ("Sam had 20 marbles and lost 7. How many marbles does he have?", 13),
        # a multiplier that is read stays answered
        ("Lily has 4 times as many shells as Max. Max has 9 shells. How many shells do they have together?", 45),
        # one container's count with the rate told right after it
        ("Ned has 2 boxes of 12 crayons. He loses 5 crayons. How many crayons does he have?", 19),
        # "in stock" is no place apart from the shop
        ("A shop had 50 hats in stock. It sold 14 of them and put the rest on shelves with 6 on each shelf. How "
         "many shelves did it use?", 6),
        # counted things that drain or leak out leave; an adjective after a counted noun is no verb
        ("A tub holds 80 liters of water. 15 liters drain out and then 20 liters are added. How many liters are in "
         "the tub?", 85),
        ("The factory dyed 300 yards of cloth red and 200 yards blue. How many yards of cloth did it dye?", 500),
        # a passive purchase at a shop is a sale of the shop's
        ("A store had 30 capes. 6 capes were bought. How many capes does the store have now?", 24),
        # other animals beside the asked ones are set aside; young ones are not (below)
        ("A farm had 30 cows and 12 pigs. 4 cows were sold. How many cows does the farm have now?", 26),
    ],
)
def test_answered(text, value):
    assert read_problem(text).value == Fraction(value)


@pytest.mark.parametrize(
    "text",
    [
        # a multiplier that no relation reads ("twice as many as Monday")
        "A shop had 200 pens. It sold 40 pens on Monday and on Tuesday it sold twice as many as Monday. How many "
        "pens are left?",
        # a second container of the rate's kind holds its own amount, not the rate's
        "Ned has 2 boxes of 12 crayons and 1 box of 8 crayons. He loses 5 crayons. How many crayons does he have?",
        # what others hold at a rate is not the asked person's
        "Jon has 3 brothers. He has 40 stamps and his brothers have 25 stamps each. How many stamps does Jon have?",
        # "to each of her friends" without their count
        "Mia had 40 candies. She gave 3 candies to each of her friends. How many candies does she have left?",
        # a container of the rate's kind told with its own contents
        "A shelf holds 25 books. The library has 8 shelves that are full and 1 shelf with 13 books. How many books "
        "does the library have?",
        # "she" with only a man told as a subject and a woman told as the one he gave to
        "Max had 80 dollars. He gave 20 dollars to his sister, and she spent 5 dollars of it. How much money does "
        "Max have?",
        # shared "with" some people: the sharer may take a share too
        "Lisa has 42 chocolates and shares them equally with her 2 friends. How many chocolates does each person "
        "get?",
        "A box has 48 chocolates. Lisa eats 6 and shares the rest equally with her 3 friends and herself. How many "
        "chocolates does each person get?",
        # what is not so is asked, and nothing was taken from a whole
        "The hall has 20 rows of 15 chairs. 240 tickets were sold. How many chairs were not sold?",
        # young animals beside the asked animals: of their kind or not, WordNet does not say
        "A farm had 30 cows. 4 cows were sold and 6 calves were born. How many cows does the farm have now?",
        # a passive purchase with no shop: bought by the farm or from it
        "A farm had 30 cows. 4 cows were sold and 6 cows were bought. How many cows does the farm have now?",
        # a part told by a fraction word that is no number token
        "A bakery had 150 loaves of bread. By noon it had sold 2 thirds of them. How many loaves were left?",
        "Jenna had 40 dollars. She spent 12 dollars on a book and half of what was left on lunch. How much money "
        "does she have now?",
        "A shop had 90 kites. It sold 30 kites on Monday and half as many on Tuesday. How many kites are left?",
        # the price of what is saved for is a goal, not money saved
        "Ivy is saving for a $90 scooter. She has saved $36. She saves $6 each week. How many more weeks does she "
        "need?",
        # games lost are defeats, not games taken away from what is held
        "A team won 18 games and lost 7 games. How many games did it play?",
        # some of the counted ones are told to be in a state: a part of them, not more of them
        "The school has 15 classes with 24 students in each class. 40 students are absent today. How many students "
        "are absent today?",
        "The school has 15 classes with 24 students in each class. 40 students are absent today. How many students "
        "are at school today?",
    ],
)
def test_declined(text):
    with pytest.raises(ParseError):
        read_problem(text)


def test_then_starts_a_clause():
    from reasoner.solvers.math.story.reader import read_story

    story = read_story("Tess has 30 shells. She gives 9 to her cousin and then finds 4 bags of 5 shells. How many "
                       "shells does she have now?")
    assert [c.verb for c in story.clauses] == ["have", "give", "find"]
    assert story.clauses[2].subject == "tess"


# Hand-written stories of this session (from no data set), each with its answer: the reader may decline any of them,
# but an answer it gives must be right. Precision on them was measured before each fix (notes, Session 13 wpa).
STORIES = [
    ('Marco had $60. He bought 3 shirts that cost $12 each. How much money does he have left?', "24"),
    ('Lena has 25 stamps. She buys 4 sheets of 6 stamps. How many stamps does she have now?', "49"),
    ('A farmer picked 120 apples. He sold 45 apples at the market and gave 20 apples to his neighbor. How '
     'many apples does he have left?', "55"),
    ('Ravi read 12 pages on Monday and twice as many pages on Tuesday. How many pages did he read in the '
     'two days?', "36"),
    ('A baker made 90 rolls. She sold 35 in the morning and 28 in the afternoon. How many rolls were not '
     'sold?', "27"),
    ('Tom has 3 boxes with 12 crayons in each box. He loses 5 crayons. How many crayons does he have now?', "31"),
    ('Nina earns $8 an hour. She worked 5 hours on Saturday and 3 hours on Sunday. How much did she earn?', "64"),
    ('A bus had 40 passengers. At the first stop 12 people got off and 7 got on. How many passengers are '
     'on the bus now?', "35"),
    ('Sam has 18 marbles. His sister has 3 times as many marbles. How many marbles does his sister have?', "54"),
    ('Ella baked 48 cookies and put them equally into 6 bags. She ate 2 cookies from one bag. How many '
     'cookies are left in that bag?', "6"),
    ('Jon had 50 dollars. He spent 15 dollars on lunch and then earned 20 dollars mowing a lawn. How much '
     'money does he have now?', "55"),
    ('A school has 320 students. 150 of them are boys. How many girls are there?', "170"),
    ('Mia bought 2 packs of pencils with 10 pencils in each pack. She gave 7 pencils to her friends. How '
     'many pencils does she have left?', "13"),
    ('Leo ran 3 miles every day for 6 days. How many miles did he run?', "18"),
    ('There are 24 students in a class. They sit in groups of 4. How many groups are there?', "6"),
    ('Ana had 35 stickers. She gave 8 stickers to Ben and 6 stickers to Carl. How many stickers does Ana '
     'have left?', "21"),
    ('A shop sold 14 bikes on Friday and 9 more bikes on Saturday than on Friday. How many bikes did it '
     'sell on Saturday?', "23"),
    ('Kim has 7 red balloons and 5 blue balloons. She buys 6 more red balloons. How many red balloons does'
     ' she have?', "13"),
    ('A tank holds 200 liters of water. 35 liters leak out and then 50 liters are added. How many liters '
     'are in the tank?', "215"),
    ('Omar bought 4 notebooks for $3 each and a pen for $2. How much did he spend?', "14"),
    ('Priya saves $5 every week. How much will she save in 9 weeks?', "45"),
    ('Lucy had 80 beads. She used 25 beads for a necklace and 18 beads for a bracelet. How many beads are '
     'left?', "37"),
    ('Each basket holds 15 oranges. How many oranges are in 7 baskets?', "105"),
    ('Dan has 12 fewer cards than Eva. Eva has 40 cards. How many cards does Dan have?', "28"),
    ('A garden has 6 rows of 9 tomato plants. 11 plants died. How many plants are still alive?', "43"),
    ('Maya had 3 bags of 20 candies and ate 7 candies. How many candies does she have left?', "53"),
    ('Ivan had 100 dollars. He bought 2 games for 30 dollars each. How much money does he have left?', "40"),
    ('A library had 450 books. It bought 120 new books and gave away 75 old books. How many books does the'
     ' library have now?', "495"),
    ('Zoe walked 4 kilometers in the morning and 3 kilometers in the evening every day for 5 days. How far'
     ' did she walk?', "35"),
    ('A movie ticket costs $9. How much do 6 tickets cost?', "54"),
    ('Peter has 30 apples. He gives half of them to his friend. How many apples does he have left?', "15"),
    ('Grace picked 16 flowers and her brother picked twice as many. How many flowers did they pick in all?', "48"),
    ('A pizza is cut into 8 slices. Tom ate 3 slices and Ann ate 2 slices. How many slices are left?', "3"),
    ('Carlos had 64 marbles. He lost 9 marbles and then found 4 marbles. How many marbles does he have '
     'now?', "59"),
    ('Ruth bought 5 packs of gum with 7 sticks in each pack. How many sticks of gum did she buy?', "35"),
    ('Ben scored 18 points in the first game and 24 points in the second game. How many points did he '
     'score in all?', "42"),
    ('A car travels 60 miles per hour. How far does it travel in 4 hours?', "240"),
    ('There were 56 birds on a tree. 19 flew away and then 8 more came. How many birds are on the tree '
     'now?', "45"),
    ('Jess has $45. She wants to buy a bike that costs $120. How much more money does she need?', "75"),
    ('Hugo bought 3 boxes of 24 pencils and gave 10 pencils away. How many pencils does he have?', "62"),
    ('Lily has 4 times as many shells as Max. Max has 9 shells. How many shells do they have together?', "45"),
    ('A store had 300 shirts. It sold 120 shirts on Monday and half as many on Tuesday. How many shirts '
     'are left?', "120"),
    ('Noah has 14 toy cars. He gets 3 more for his birthday and gives 5 to his cousin. How many toy cars '
     'does he have now?', "12"),
    ('Amy had 52 dollars. She bought a book for 14 dollars and a bag for 19 dollars. How much money does '
     'she have left?', "19"),
    ('A teacher has 96 pencils to share equally among 24 students. How many pencils does each student get?', "4"),
    ('Tara bought 6 cupcakes at $2 each and 3 cookies at $1 each. How much did she pay?', "15"),
    ('Finn has 23 stamps. Gia has 15 more stamps than Finn. How many stamps do they have altogether?', "61"),
    ('A farm has 18 cows and 4 times as many chickens. How many chickens are on the farm?', "72"),
    ('Rosa had 40 cupcakes. She sold 3 boxes of 6 cupcakes. How many cupcakes does she have left?', "22"),
    ('Mark jogs 2 miles each morning. How many miles does he jog in 2 weeks?', "28"),
    ('Jamal had 75 baseball cards. He traded 10 of them for 4 new ones. How many cards does he have now?', "69"),
    ('A class collected 120 cans on Monday and 85 cans on Tuesday. They need 300 cans. How many more cans '
     'do they need?', "95"),
    ('Sara bought 3 pounds of apples at $2 a pound and 2 pounds of pears at $3 a pound. How much did she '
     'spend?', "12"),
    ('Mr. Lee had 200 dollars. He paid 45 dollars for gas and twice as much for groceries. How much money '
     'does he have left?', "65"),
    ('A box has 48 chocolates. Lisa eats 6 and shares the rest equally with her 3 friends and herself. How'
     ' many chocolates does each person get?', "10.5"),
    ('There are 5 shelves with 30 books on each shelf. 27 books are checked out. How many books are still '
     'on the shelves?', "123"),
    ('Olivia has 4 dogs. Each dog eats 2 cups of food a day. How many cups of food do the dogs eat in a '
     'week?', "56"),
    ('Henry had 90 stamps. He gave a third of them to his sister. How many stamps does he have left?', "60"),
    ('A train had 150 passengers. At the station, 45 got off and 30 got on. At the next station 20 got '
     'off. How many passengers are on the train?', "115"),
    ('Eli picked 35 strawberries. His mom picked 15 more than Eli. How many strawberries did they pick '
     'together?', "85"),
    ('A bakery sells muffins for $3 each. On Saturday it sold 40 muffins and on Sunday it sold 25 muffins.'
     ' How much money did it make?', "195"),
    ('Chloe had 18 pencils. She bought 2 boxes of pencils. Now she has 42 pencils. How many pencils were '
     'in each box?', "12"),
    ('Rita has 60 beads. She uses 8 beads for each bracelet. She makes 5 bracelets. How many beads does '
     'she have left?', "20"),
    ('A parking lot has 12 rows with 15 spaces in each row. 97 cars are parked. How many spaces are empty?', "83"),
    ('Jake earned $35 on Monday and $48 on Tuesday. He spent $20 on a game. How much money does he have '
     'left?', "63"),
    ('Nora had 24 cookies. She gave 5 to Sam and 3 times as many to Jill. How many cookies does she have '
     'left?', "4"),
    ('A zoo has 14 lions and 3 times as many monkeys. It has 9 fewer zebras than monkeys. How many zebras '
     'does it have?', "33"),
    ('Dev has 3 packs of 25 stickers. He gives 4 stickers to each of his 6 friends. How many stickers does'
     ' he have left?', "51"),
    ('Kate ran 5 laps. Each lap is 400 meters. How many meters did she run?', "2000"),
    ('A farmer has 40 chickens. Each chicken lays 5 eggs a week. He sells the eggs in cartons of 10. How '
     'many cartons does he fill in a week?', "20"),
    ('Ali had 120 dollars. He spent a quarter of it on shoes. How much money does he have left?', "90"),
    ('There are 28 children on a bus. At the first stop half of them get off. How many children are left '
     'on the bus?', "14"),
    ('Ben bought a shirt for $15 and pants for $25. He paid with a $50 bill. How much change did he get?', "10"),
    ('Fatima read 20 pages a day for 7 days and then 35 pages on the eighth day. How many pages did she '
     'read?', "175"),
    ('A school bought 12 boxes of markers. Each box has 8 markers. The markers are shared by 4 classes '
     'equally. How many markers does each class get?', "24"),
    ('Liam collects 6 shells each day. After 5 days he gives 10 shells to his friend. How many shells does'
     ' he have?', "20"),
    ('Emma had 50 balloons. 12 balloons popped and she gave 15 to her friends. How many balloons does she '
     'have?', "23"),
    ('A pool had 500 gallons of water. 120 gallons evaporated. How many gallons are left?', "380"),
    ('Ken has 16 more marbles than Joe. Joe has 24 marbles. How many marbles do they have in all?', "64"),
    ('The theater has 25 rows of 20 seats. 430 tickets were sold. How many seats were not sold?', "70"),
    ('Paula bought 4 packs of juice boxes. Each pack has 6 boxes. Her kids drank 9 boxes. How many juice '
     'boxes are left?', "15"),
    ('Victor had 3 times as many coins as Wes. Wes had 12 coins. Victor spent 10 coins. How many coins '
     'does Victor have now?', "26"),
    ('A shop had 64 toys. It sold 3 dozen toys. How many toys are left?', "28"),
    ('Hana walks 2 kilometers to school and 2 kilometers back home every day. How many kilometers does she'
     ' walk in 5 days?', "20"),
    ('Owen has $12. His dad gives him $3 every week. How much money will Owen have after 6 weeks?', "30"),
    ('A bag had 30 red marbles and 20 blue marbles. Tim took 8 red marbles out. How many marbles are in '
     'the bag now?', "42"),
    ('Mila bought 5 tickets at $7 each. She paid with two $20 bills. How much change did she get?', "5"),
    ('Lara had 45 minutes of homework. She finished 3 subjects taking 12 minutes each. How many minutes of'
     ' homework are left?', "9"),
    ('A carton holds 12 eggs. Mom used 7 eggs from 2 full cartons. How many eggs are left?', "17"),
    ('Gabe had 80 stickers. He put them equally into 4 albums, then added 6 more to the first album. How '
     'many stickers are in the first album?', "26"),
    ('Sophie has 32 crayons. Her brother has 8 crayons. She gives him 5 crayons. How many crayons does her'
     ' brother have now?', "13"),
    ('Jack had 20 apples. He ate 3 apples and his sister ate 4 of his apples. How many apples does Jack '
     'have left?', "13"),
    ('A baker baked 6 trays of muffins with 12 muffins on each tray. He sold 50 muffins. How many muffins '
     'does he have left?', "22"),
    ('Ivy had $30. Her mom gave her $15 and she spent $12 on a toy. How much money does Ivy have?', "33"),
    ('A team scored 45 points in the first half and 38 points in the second half. The other team scored 70'
     ' points. How many more points did the first team score?', "13"),
    ('Paul has 5 bags. Each bag has 7 marbles. He gives 9 marbles to Lisa. How many marbles does Paul have'
     ' left?', "26"),
    ("Nadia's garden has 8 rows of carrots with 11 carrots in each row. Rabbits ate 14 carrots. How many "
     'carrots are left?', "74"),
    ('At a party there were 36 balloons. Kids popped 9 of them and 5 flew away. How many balloons were '
     'left?', "22"),
    ('Tim bought 3 bags of chips for $2 each and 2 sodas for $1 each. He paid with a $10 bill. How much '
     'change did he get?', "2"),
    ('Lea had 15 stickers. She bought 12 more and then gave half of all her stickers to her friend. How '
     'many stickers does Lea have now?', "13.5"),
    ('A truck carried 250 boxes. It dropped off 80 boxes at the first store and 95 boxes at the second '
     'store. How many boxes are still on the truck?', "75"),
    ('Eric saved $4 a week for 8 weeks. Then he bought a toy for $19. How much money does he have left?', "13"),
    ('Megan picked 24 apples. Her dad picked 3 times as many apples as Megan. How many more apples did her'
     ' dad pick than Megan?', "48"),
    ('There are 9 cars in a parking lot. Each car has 4 wheels. 2 more cars arrive. How many wheels are '
     'there now?', "44"),
    ('Rob has 40 baseball cards. He sells 15 cards for $2 each. How much money does he make?', "30"),
    ('A cinema has 180 seats. 135 seats are taken. How many seats are free?', "45"),
    ('Yuki had 58 beads. She lost 7 beads, then her friend gave her 16 beads. How many beads does Yuki '
     'have?', "67"),
    ('A shop had 75 kites. On Saturday 28 kites were sold and on Sunday 19 kites were sold. How many kites'
     ' were left?', "28"),
    ('Adam has 7 boxes of 10 pens. He uses 23 pens. How many pens are left?', "47"),
    ('Lily bought 6 roses and 9 tulips. She gave 4 roses to her mom. How many flowers does Lily have now?', "11"),
    ('Tom is 12 years old. His father is 3 times as old as Tom. How old is his father?', "36"),
    ('A farmer had 65 sheep. 12 sheep were sold and 7 lambs were born. How many sheep does the farmer have'
     ' now?', "60"),
    ('Beth runs 3 kilometers on weekdays and 5 kilometers on Saturday. How many kilometers does she run in'
     ' a week?', "20"),
    ('Dina bought a dress for $35. She had $80 before. How much money does she have now?', "45"),
    ('Ray has 18 red pens and 12 black pens. He lost 5 red pens. How many pens does he have?', "25"),
    ('Zara has 56 stickers. She puts 8 stickers on each page of her album. How many pages does she fill?', "7"),
    ('Mr. Ortiz bought 7 boxes of apples. Each box had 24 apples. He sold 100 apples. How many apples does'
     ' he have left?', "68"),
    ('A class of 28 students went on a trip. Each van holds 6 students. How many vans are needed?', "5"),
    ('Helen had 3 dozen eggs. She used 9 eggs to bake a cake. How many eggs does she have left?', "27"),
    ('Chris rode his bike 12 miles on Saturday and 8 miles on Sunday. His friend rode 25 miles. How many '
     'more miles did his friend ride?', "5"),
    ('There are 4 tables in the room with 6 chairs at each table. 5 more chairs are brought in. How many '
     'chairs are there in all?', "29"),
    ('Ivy bought 3 notebooks at $4 each and 2 pens at $1.50 each. How much did she spend in all?', "15"),
    ('A bakery had 150 loaves of bread. By noon it had sold 2 thirds of them. How many loaves were left?', "50"),
    ('Jenna had 40 dollars. She spent 12 dollars on a book and half of what was left on lunch. How much '
     'money does she have now?', "14"),
    ('Nick scored 14 points, Tim scored 9 points more than Nick, and Sam scored 5 points fewer than Tim. '
     'How many points did Sam score?', "18"),
    ('A hotel has 12 floors with 20 rooms on each floor. 175 rooms are booked. How many rooms are free?', "65"),
    ('Mary baked 36 cookies. She gave 12 to her neighbors and ate 4 herself. Then she baked 10 more. How '
     'many cookies does she have?', "30"),
    ('Sam bought 5 bags of marbles. Each bag had 12 marbles. He lost 8 marbles on the way home. How many '
     'marbles does he have?', "52"),
    ('A rope is 50 meters long. Rick cuts off 3 pieces that are 8 meters each. How long is the rope now?', "26"),
    ('Every day Lena reads 15 pages. Her book has 180 pages. How many days will it take her to finish the '
     'book?', "12"),
    ('Ahmed had 95 cents. He bought a candy for 35 cents and a pencil for 25 cents. How many cents does he'
     ' have left?', "35"),
    ('The school has 15 classes with 24 students in each class. 40 students are absent today. How many '
     'students are at school today?', "320"),
    ('Tina collected 125 bottle caps. Her brother collected 48 fewer than she did. How many bottle caps '
     'did they collect together?', "202"),
    ('Jacob has 3 times as many stamps as Leo. Leo has 15 stamps. Jacob gives 10 stamps to Leo. How many '
     'stamps does Jacob have now?', "35"),
    ('A gardener planted 8 rows of roses with 7 roses in each row. 6 roses did not grow. How many roses '
     'grew?', "50"),
    ('Diego earns $12 an hour. He works 6 hours a day. How much does he earn in 5 days?', "360"),
    ('Sue had 18 crayons. She found 7 more crayons and then gave 10 crayons to her brother. How many '
     'crayons does Sue have?', "15"),
    ('A library lent out 64 books on Monday and 3 times as many on Tuesday. How many books did it lend on '
     'Tuesday?', "192"),
    ('Hank bought 2 pizzas. Each pizza had 8 slices. He and his 3 friends shared them equally. How many '
     'slices did each person get?', "4"),
    ('An aquarium had 45 fish. 9 fish were moved to another tank and 14 new fish were added. How many fish'
     ' are in the aquarium?', "50"),
    ('A box holds 64 crayons. 9 of the crayons are broken. How many crayons are not broken?', "55"),
    ('Ella had 120 dollars. She spent 35 dollars on shoes and 28 dollars on a jacket. Then she got 15 '
     'dollars back for returning a hat. How much money does she have?', "72"),
    ('In a parking lot there are 14 cars and 9 motorcycles. How many wheels are there in all?', "74"),
    ('Karen has 5 boxes of pencils with 16 pencils in each box. She wants to give 4 pencils to each of her'
     ' 18 students. How many pencils will she have left?', "8"),
    ('A farmer collected 84 eggs. He put them into cartons of 12 and sold 4 cartons. How many cartons does'
     ' he have left?', "3"),
    ('Josh has 27 baseball cards. His friend gave him 2 packs of 9 cards. How many cards does Josh have '
     'now?', "45"),
    ('There were 48 people at a party. A third of them left early. How many people stayed?', "32"),
    ('A bike costs $240. Tony has saved $85 and earns $15 each week. How many more weeks does he need to '
     'save?', "11"),
    ('Amir bought 6 pencils for $2 each. He gave the cashier $20. How much change did he get?', "8"),
    ('Jill has 28 books. She gives 6 books to the library and her aunt gives her 9 books. How many books '
     'does Jill have now?', "31"),
    ('A team won 18 games and lost 7 games. How many games did it play?', "25"),
    ('The zoo has 8 monkeys. Each monkey eats 3 bananas a day. How many bananas do the monkeys eat in 7 '
     'days?', "168"),
    ('Sam walked 2 miles to the park, 1 mile to the store and 3 miles home. How many miles did he walk?', "6"),
    ("Lucy's class has 30 students. 18 of them are girls. How many boys are in the class?", "12"),
    ('A fruit seller had 200 oranges. He sold 65 oranges in the morning and 48 oranges in the evening. How'
     ' many oranges were left?', "87"),
    ('Mike had 24 cookies. He ate 4 and gave the rest equally to his 5 friends. How many cookies did each '
     'friend get?', "4"),
    ('Ben has 15 more pencils than Ana. Ana has 23 pencils. How many pencils does Ben have?', "38"),
    ('A store had 85 bags of rice. It received 40 more bags and then sold 67 bags. How many bags of rice '
     'does it have?', "58"),
    ('Nina needs 45 beads for a necklace. She has 17 beads. How many more beads does she need?', "28"),
    ('Each ticket costs 6 dollars. Kevin has 50 dollars. He buys 7 tickets. How much money does he have '
     'left?', "8"),
    ('A baker made 5 batches of 24 cupcakes. She sold 87 cupcakes and threw away 6 stale ones. How many '
     'cupcakes does she have left?', "27"),
    ('Tyler has 60 minutes to do his homework. He spends 25 minutes on math and 20 minutes on reading. How'
     ' many minutes does he have left?', "15"),
    ('A school bus has 44 seats. 29 students got on at the first stop and 11 at the second. How many seats'
     ' are empty?', "4"),
    ('Lisa earned $45 babysitting. She spent $18 on a gift and saved the rest. How much did she save?', "27"),
    ('A store sells pens in packs of 6. Mr. Brown needs 40 pens. How many packs must he buy?', "7"),
    ("Rachel drove 45 miles to her aunt's house and then drove back home. How many miles did she drive?", "90"),
    ('A team played 30 games. They won 18 and tied 4. How many games did they lose?', "8"),
    ('Julia had 12 goldfish. She bought 3 more goldfish, but 2 died. How many goldfish does she have?', "13"),
    ('Each of the 6 shelves holds 35 books. 48 books are taken off. How many books are still on the '
     'shelves?', "162"),
    ('Peter has 42 marbles. He wants to put them equally into 6 jars. How many marbles will go in each '
     'jar?', "7"),
    ('A cake recipe needs 3 eggs. How many eggs are needed for 5 cakes?', "15"),
    ('Oscar had 150 stamps. He sold 45 stamps and bought 30 stamps. Then he gave 20 stamps to his sister. '
     'How many stamps does Oscar have?', "115"),
    ('Mina has 7 quarters and 4 dimes. How many cents does she have?', "215"),
    ('A plane flies 500 miles per hour. How many miles does it fly in 3 hours?', "1500"),
    ('Greg bought a bag of 50 balloons. 8 balloons popped and he gave 3 balloons to each of his 4 friends.'
     ' How many balloons does he have left?', "30"),
    ('The teacher bought 4 packs of 25 sheets of paper. The class used 63 sheets. How many sheets are '
     'left?', "37"),
    ('A florist had 96 roses. She made bouquets of 8 roses each. How many bouquets did she make?', "12"),
    ('Anna is 9 years old. Her brother is 4 years older than her. How old will her brother be in 3 years?', "16"),
    ('A shop sold 23 shirts in the morning and 3 times as many in the afternoon. How many shirts did it '
     'sell in all?', "92"),
    ('Ivan has $80. He buys 2 books for $15 each and a pen for $6. How much money does he have left?', "44"),
    ('Leah had 90 marbles. She gave 15 marbles to each of her 4 cousins. How many marbles does she have '
     'left?', "30"),
    ('A box of crackers has 36 crackers. Jon eats 4 crackers a day. How many days will the box last?', "9"),
    ('Mr. Kim bought 8 bags of soil at $6 a bag and 3 pots at $4 a pot. How much did he spend?', "60"),
    ('There are 3 classes of 25 students and 2 classes of 30 students. How many students are there?', "135"),
    ('A farmer had 120 pumpkins. He sold 48 at the market and 35 to a shop. How many pumpkins are left?', "37"),
    ("Maria's dog eats 2 cans of food each day. A pack has 12 cans. How many days does one pack last?", "6"),
    ('Sean had 55 dollars. He earned 25 more dollars and then spent 30 dollars on a jacket. How much money'
     ' does he have?', "50"),
    ('A library has 4 shelves of history books with 28 books on each shelf. It lends out 37 history books.'
     ' How many history books are on the shelves?', "75"),
    ('The bakery made 200 cookies. It sold 65 cookies on Monday and 80 cookies on Tuesday. How many '
     'cookies were not sold?', "55"),
    ('Ana read 35 pages on Saturday. On Sunday she read 12 more pages than on Saturday. How many pages did'
     ' she read on Sunday?', "47"),
    ('Raj has 5 times as many books as Tom. Tom has 6 books. How many books does Raj have?', "30"),
    ('There are 18 boys and 15 girls in a class. 7 students are absent. How many students are in class '
     'today?', "26"),
    ('Alex bought 3 shirts for $14 each. He had $50. How much money does he have left?', "8"),
    ('A parking garage has 5 levels with 40 spaces on each level. 132 cars are parked there. How many more'
     ' cars can park?', "68"),
    ('Jade picked 45 cherries. She ate 9 of them and gave 12 to her mother. How many cherries does she '
     'have left?', "24"),
    ('A pet shop had 22 puppies. It sold 7 puppies and 5 more puppies were born. How many puppies does the'
     ' shop have now?', "20"),
    ('Eva has 24 red beads and 36 blue beads. She uses 30 beads. How many beads does she have left?', "30"),
    ('It takes 4 apples to make a pie. How many apples are needed for 9 pies?', "36"),
    ('A box has 10 rows of 12 chocolates. Dad ate 15 chocolates. How many chocolates are left?', "105"),
    ('Sanjay walks his dog 3 times a day for 20 minutes each time. How many minutes does he walk his dog '
     'in a day?', "60"),
    ('Maya had $75. She bought 2 books for $12 each and a lamp for $20. Then her grandma gave her $10. How'
     ' much money does Maya have now?', "41"),
    ('A school ordered 15 boxes of markers with 10 markers in each box. They gave 4 markers to each of the'
     ' 30 students. How many markers are left?', "30"),
    ('Ken had 3 bags with 15 apples in each bag. He gave 10 apples to his friend and ate 2 apples. How '
     'many apples does he have now?', "33"),
    ('A bookstore had 500 books. It sold 120 books on Monday, twice as many on Tuesday, and 80 books on '
     'Wednesday. How many books are left?', "60"),
    ('Lia saved $8 a week for 10 weeks. She spent $35 on a game and $20 on a shirt. How much money does '
     'she have left?', "25"),
    ('A farmer has 5 rows of apple trees with 12 trees in each row. He plants 3 more rows of 12 trees. How'
     ' many apple trees does he have?', "96"),
    ('Tom bought 4 packs of 6 juice boxes. His family drank 9 juice boxes on Saturday and 7 on Sunday. How'
     ' many juice boxes are left?', "8"),
    ('A class raised $240 for a trip. The bus costs $150 and each of the 20 students gets $3 for lunch. '
     'How much money is left?', "30"),
    ('Zack had 64 stickers. He gave half of them to his brother and then bought 10 more. How many stickers'
     ' does Zack have?', "42"),
    ('Mrs. Gray baked 4 trays of 12 cookies. She gave 18 cookies to her neighbors and put the rest into '
     'bags of 6. How many bags did she fill?', "5"),
    ('A water tank has 500 liters. Each day the family uses 60 liters. How many liters are left after 6 '
     'days?', "140"),
    ('Ben earns $10 for each lawn he mows. He mowed 7 lawns and spent $25 on a movie. How much money does '
     'he have left?', "45"),
    ('Sara has 4 boxes of 50 beads. She uses 35 beads for each necklace and makes 5 necklaces. How many '
     'beads are left?', "25"),
    ('Jim ran 4 kilometers every day for 5 days and then 10 kilometers on Saturday. How many kilometers '
     'did he run in all?', "30"),
    ('Tara had 48 pencils. She kept 12 pencils and divided the rest equally among 6 friends. How many '
     'pencils did each friend get?', "6"),
    ('A jar had 80 candies. Kids took 5 candies each. There were 12 kids. How many candies are left in the'
     ' jar?', "20"),
    ('Nico bought a bike for $120 and a helmet for $35. He paid with $200. How much change did he get?', "45"),
    ("Dana's book has 240 pages. She read 45 pages on Monday and 60 pages on Tuesday. How many pages does "
     'she have left to read?', "135"),
    ('At a fair, Leo won 15 tickets on the first game and 23 tickets on the second game. He used 30 '
     'tickets to buy a prize. How many tickets does he have left?', "8"),
    ('The gym has 6 boxes of balls. Each box has 8 balls. 11 balls are flat. How many balls are not flat?', "37"),
    ('Ivy is saving for a $90 scooter. She has saved $36. She saves $6 each week. How many more weeks does'
     ' she need?', "9"),
    ('A baker used 4 cups of flour for each cake. He made 7 cakes. He had 40 cups of flour. How many cups '
     'of flour does he have left?', "12"),
    ('Carla has 36 red apples and 24 green apples. She puts them equally into 6 baskets. How many apples '
     'are in each basket?', "10"),
    ('A store had 150 umbrellas. It sold 47 on a rainy day and got a delivery of 60 more. How many '
     'umbrellas does it have now?', "163"),
    ('Owen scored 12 points in each of 5 games. How many points did he score in all?', "60"),
    ('There are 250 people at a concert. 130 are adults and the rest are children. How many children are '
     'at the concert?', "120"),
    ('A garden has 9 rows of 14 carrots. Rabbits ate 25 carrots. How many carrots are left?', "101"),
    ('Hugo had 200 dollars. He spent 3 fourths of his money on a phone. How much money does he have left?', "50"),
    ('Mia bought 3 dozen cupcakes. She gave away 15 cupcakes. How many cupcakes does she have left?', "21"),
    ('Ava has 20 stickers and Ben has 12 stickers. Ava gives Ben 5 stickers. How many stickers does Ben '
     'have now?', "17"),
    ('Carl had 40 coins. He gave 10 coins to Dina. Dina already had 15 coins. How many coins does Dina '
     'have now?', "25"),
    ('Eli and Finn have 50 marbles together. Eli has 18 marbles. How many marbles does Finn have?', "32"),
    ('Gina had 30 pens. Her friend gave her 8 pens and she gave 6 pens to her brother. How many pens does '
     'she have?', "32"),
    ('Hal had 25 cards. He lost 5 cards and his sister gave him twice as many cards as he lost. How many '
     'cards does Hal have now?', "30"),
    ('Iris baked 60 cookies. Her brother ate 8 of them and her mom took 12 to work. How many cookies are '
     'left?', "40"),
    ('Jay has 15 toy cars. Kim has 7 more toy cars than Jay. Lou has 4 fewer toy cars than Kim. How many '
     'toy cars does Lou have?', "18"),
    ('Max had 80 dollars. He gave 20 dollars to his sister, and she spent 5 dollars of it. How much money '
     'does Max have?', "60"),
    ('Nora collected 45 shells. Omar collected 12 fewer shells than Nora. How many shells did Omar '
     'collect?', "33"),
    ('Pia had 18 balloons. Quinn gave her 6 balloons, then 4 of her balloons popped. How many balloons '
     'does Pia have?', "20"),
    ('Ria had 100 beads. She gave 25 beads to Sue and 15 beads to Tia. Sue gave 5 beads back to Ria. How '
     'many beads does Ria have now?', "65"),
    ('Uma has 3 times as many books as Vic. Vic has 8 books. Uma gives 4 books to Vic. How many books does'
     ' Vic have now?', "12"),
    ('Will had some stamps. He bought 15 more and now has 42 stamps. How many stamps did Will have at '
     'first?', "27"),
    ('Xena had 64 crayons. She gave 14 crayons to Yuri and Yuri gave 3 of them to Zoe. How many crayons '
     'does Yuri have now?', "11"),
    ('A store sold 36 apples in the morning. In the afternoon it sold 3 times as many apples as in the '
     'morning. How many apples did it sell in the afternoon?', "108"),
    ('Paula had 9 dollars. She washed 4 cars and earned 5 dollars for each car. How much money does she '
     'have now?', "29"),
    ('A classroom has 6 rows of desks with 5 desks in each row. 4 desks are broken. How many desks can be '
     'used?', "26"),
    ('There are 32 students in a class. Each student needs 3 notebooks. Notebooks come in packs of 8. How '
     'many packs are needed?', "12"),
    ('Rina had 150 stickers. She put 20 stickers on each of 6 pages. How many stickers does she have left?', "30"),
    ('Tomas bought 12 eggs. He used 2 eggs each day for 4 days. How many eggs are left?', "4"),
    ('A shelf holds 25 books. The library has 8 shelves that are full and 1 shelf with 13 books. How many '
     'books does the library have?', "213"),
    ('Gus had 70 marbles. He lost 15 marbles on Monday and twice as many on Tuesday. How many marbles does'
     ' he have left?', "25"),
    ('The pet store has 12 cages with 4 rabbits in each cage. 9 rabbits were sold. How many rabbits are '
     'left?', "39"),
    ('Lila has 3 boxes of 24 crayons. She gives 1 box to her sister. How many crayons does Lila have now?', "48"),
    ('A cafe made 120 sandwiches. It sold 45 before lunch and 50 after lunch. The rest were given to a '
     'shelter. How many sandwiches went to the shelter?', "25"),
    ('Kara had 3 packs of gum with 5 pieces in each pack. She chewed 4 pieces and gave 6 pieces to her '
     'friends. How many pieces of gum does she have left?', "5"),
    ('A clown had 60 balloons. He gave away 4 balloons to each of 9 children. How many balloons does he '
     'have left?', "24"),
    ('Liam has 48 toy soldiers. He puts them in rows of 8. How many rows can he make?', "6"),
    ('Mona had 72 flowers. She made 6 bouquets with the same number of flowers in each. How many flowers '
     'were in each bouquet?', "12"),
    ('A bus can carry 45 people. How many people can 6 buses carry?', "270"),
    ('Rosa had 25 dollars. She got 10 dollars from her uncle. She wants a bag that costs 50 dollars. How '
     'much more money does she need?', "15"),
    ('There are 120 pages in a book. Ali read a quarter of the book. How many pages did he read?', "30"),
    ('Bella has 8 bags with 6 oranges in each bag. She gives 2 bags to Carl. How many oranges does she '
     'have now?', "36"),
    ('Victor has 50 stamps. He gives 5 stamps to each of his 3 sisters and keeps the rest. How many stamps'
     ' does he keep?', "35"),
    ('Josh ran 5 km on Monday, 3 km on Tuesday and 6 km on Wednesday. His goal is 20 km. How many more km '
     'must he run?', "6"),
    ('Tina has 12 more stickers than Uri. Uri has 3 times as many stickers as Val. Val has 5 stickers. How'
     ' many stickers does Tina have?', "27"),
    ('A worker packs 24 boxes an hour. How many boxes does he pack in an 8 hour day?', "192"),
    ('There were 35 kids at the pool. 12 kids went home and 9 more kids came. How many kids are at the '
     'pool now?', "32"),
    ('Milo has 90 cents. Candy bars cost 15 cents each. How many candy bars can he buy?', "6"),
    ('Lena is 10 years old. She has 24 marbles and buys 6 more. How many marbles does she have?', "30"),
    ('A school bus with 40 seats picked up 22 students at the first stop and 9 at the second stop. The '
     'driver has worked for 15 years. How many students are on the bus?', "31"),
    ('Omar bought 3 apples and 5 oranges. Each apple weighs 150 grams. How many pieces of fruit did he '
     'buy?', "8"),
    ('Tess walked 3 miles in 45 minutes. Then she walked 2 more miles. How many miles did she walk?', "5"),
    ('A farmer has 12 cows and 30 chickens. He sells 4 cows. How many cows does he have now?', "8"),
    ("Ravi's house is 5 km from school. He has 18 pencils and gives 7 to his friend. How many pencils does"
     ' he have?', "11"),
    ('It is 25 degrees outside. Maria picks 14 tomatoes in the morning and 9 in the afternoon. How many '
     'tomatoes did she pick?', "23"),
    ('Jon has 3 brothers. He has 40 stamps and his brothers have 25 stamps each. How many stamps does Jon '
     'have?', "40"),
    ('A box weighs 2 kilograms and holds 30 pens. Lucy takes 12 pens. How many pens are left in the box?', "18"),
    ('The store opens at 9 and has 80 loaves of bread. By noon it sold 52 loaves. How many loaves are '
     'left?', "28"),
    ('Eva scored 85 on her math test. She has read 12 books this year and 7 books last year. How many '
     'books has she read in the two years?', "19"),
    ('A car has 4 wheels. Paul washed 6 cars on Saturday and 4 cars on Sunday. How many cars did he wash?', "10"),
    ('Hana has 2 dogs and 3 cats. Each dog eats 2 bowls of food a day. How many bowls of food do the dogs '
     'eat in a day?', "4"),
    ('Sam is 4 feet tall. He collected 35 shells on Monday and 27 shells on Tuesday. How many more shells '
     'did he collect on Monday?', "8"),
    ('Kim paid $12 for 3 notebooks. Her sister is 8 years old. How much did one notebook cost?', "4"),
]


@pytest.mark.parametrize(("text", "value"), STORIES)
def test_fresh_stories_are_right_or_declined(text, value):
    try:
        found = read_problem(text)
    except ParseError:
        return
    assert found.value == Fraction(value)
